namespace Dce.AppHost.Hosting;

/// <summary>The platform's PostgreSQL server, whatever its mode; modules get one database each from it.</summary>
public sealed class DcePostgres(IResourceBuilder<IResourceWithConnectionString> server, MiddlewareMode mode, Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
{
    /// <summary>The server resource.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Server { get; } = server;

    /// <summary>How the server is provided.</summary>
    public MiddlewareMode Mode { get; } = mode;

    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> _databases = [];

    /// <summary>
    /// Adds a database, created on start, whose connection string names the server and the database; asked again for the
    /// same name (by another replica of the module), the same database.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name)
    {
        if (!_databases.TryGetValue(name, out var database))
        {
            database = addDatabase(name);
            _databases[name] = database;
        }

        return database;
    }
}
