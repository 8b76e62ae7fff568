using Dce.ServiceDefaults.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.ServiceDefaults.Data;

/// <summary>
/// Runs a module, or — started with <c>--migrate</c> — applies its EF Core migrations and exits. The AppHost starts the
/// same program both ways and lets the module serve only once the migration step completed; in Kubernetes the
/// migration step is a Job.
/// </summary>
public static class ModuleRunner
{
    /// <summary>The argument that selects the migration step.</summary>
    public const string MigrateArgument = "--migrate";

    /// <summary>True when the program was started as the migration step.</summary>
    public static bool IsMigrationStep(string[] args) => args.Contains(MigrateArgument, StringComparer.Ordinal);

    /// <summary>
    /// A module's whole program: the defaults and the module's services; the exception handler first, so that failed
    /// cluster calls and unreachable middleware leave as ProblemDetails ahead of the developer exception page; forwarded
    /// headers, authentication, keyed writes applied once, the default endpoints and the module's APIs; then serve, or migrate and exit.
    /// </summary>
    public static async Task RunModuleAsync<TContext>(string[] args, Action<WebApplicationBuilder> addModule, Action<WebApplication> mapApis)
        where TContext : DbContext
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        addModule(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotentRequests();
        app.MapDefaultEndpoints();
        mapApis(app);
        await app.RunOrMigrateAsync<TContext>(args);
    }

    /// <summary>Migrates <typeparamref name="TContext"/> and returns when started with <c>--migrate</c>; serves otherwise.</summary>
    public static async Task RunOrMigrateAsync<TContext>(this WebApplication app, string[] args) where TContext : DbContext
    {
        if (!IsMigrationStep(args))
        {
            await app.RunAsync();
            return;
        }

        await MigrateAsync<TContext>(app.Services, app.Lifetime.ApplicationStopping);
    }

    /// <summary>Applies every pending migration of <typeparamref name="TContext"/>, creating the database when missing.</summary>
    public static async Task MigrateAsync<TContext>(IServiceProvider services, CancellationToken cancellationToken = default) where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModuleRunner));
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Context}: {Migrations}", pending.Count, typeof(TContext).Name, string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("{Context} is up to date", typeof(TContext).Name);
    }
}
