namespace Dce.AppHost.Hosting;

/// <summary>One module's database on the platform's PostgreSQL server (OS-package or existing server).</summary>
public sealed class DcePostgresDatabaseResource(string name, string databaseName, IResourceWithConnectionString server)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    /// <summary>The database's name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <inheritdoc />
    public IResourceWithConnectionString Parent { get; } = server;

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
