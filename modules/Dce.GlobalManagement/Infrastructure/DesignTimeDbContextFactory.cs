using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dce.GlobalManagement.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GlobalManagementDbContext>
{
    public GlobalManagementDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GlobalManagementDbContext>().UseNpgsql("Host=localhost;Database=ghippo-db").Options);
}
