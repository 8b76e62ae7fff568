using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Infrastructure;

/// <summary>The sequence every join draws its incarnation from: increasing across replicas and across removals of a name.</summary>
public static class ClusterIncarnations
{
    public const string Sequence = "cluster_incarnations";

    /// <summary>The next incarnation, known before the cluster is saved so its announcement can carry it.</summary>
    public static Task<long> NextAsync(ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<long>($"SELECT nextval('{Sequence}') AS \"Value\"").SingleAsync(cancellationToken);
}
