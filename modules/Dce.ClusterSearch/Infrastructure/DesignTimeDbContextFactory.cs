using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dce.ClusterSearch.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ClusterSearchDbContext>
{
    public ClusterSearchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ClusterSearchDbContext>().UseNpgsql("Host=localhost;Database=clustersearch-db").Options);
}
