using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dce.ContainerManagement.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ContainerManagementDbContext>
{
    public ContainerManagementDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ContainerManagementDbContext>().UseNpgsql("Host=localhost;Database=kpanda-db").Options);
}
