using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dce.Insight.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InsightDbContext>
{
    public InsightDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InsightDbContext>().UseNpgsql("Host=localhost;Database=insight-db").Options);
}
