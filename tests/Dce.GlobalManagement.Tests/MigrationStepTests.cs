using System.Diagnostics;
using Dce.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Tests;

public sealed class MigrationStepTests
{
    [Fact]
    public async Task Module_started_with_migrate_creates_its_schema_with_only_a_database_and_exits()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync($"ghippo_migrate_{Guid.NewGuid():N}");
        var module = Path.Combine(AppContext.BaseDirectory, "Dce.GlobalManagement.dll");
        var start = new ProcessStartInfo("dotnet", [module, "--migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__ghippo-db"] = database;
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{await output}\n{await errors}");
        await using var db = new Infrastructure.GlobalManagementDbContext(new DbContextOptionsBuilder<Infrastructure.GlobalManagementDbContext>().UseNpgsql(database).Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
