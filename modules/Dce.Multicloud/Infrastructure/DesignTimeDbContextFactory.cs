using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dce.Multicloud.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MulticloudDbContext>
{
    public MulticloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MulticloudDbContext>().UseNpgsql("Host=localhost;Database=kairship-db").Options);
}
