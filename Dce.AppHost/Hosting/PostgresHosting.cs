using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Hosting;

/// <summary>PostgreSQL for the graph: the official image, the OS packages, or an existing server.</summary>
public static class PostgresHosting
{
    /// <summary>Adds the platform's PostgreSQL server in the mode <see cref="MiddlewareModeSelector"/> chooses.</summary>
    public static DcePostgres AddDcePostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = MiddlewareModeSelector.Select(builder, name);
        return mode switch
        {
            MiddlewareMode.Container => AddContainer(builder, name),
            MiddlewareMode.External => AddExternal(builder, name),
            _ => AddProcess(builder, name),
        };
    }

    private static DcePostgres AddContainer(IDistributedApplicationBuilder builder, string name)
    {
        var server = builder.AddPostgres(name)
            .WithDataVolume()
            .WithEnvironment(LocalServerExtensions.ModeVariable, "container");
        return new DcePostgres(Widen(server), MiddlewareMode.Container, database => Widen(server.AddDatabase(database)));
    }

    private static DcePostgres AddExternal(IDistributedApplicationBuilder builder, string name)
    {
        var server = builder.AddConnectionString(name);
        return new DcePostgres(server, MiddlewareMode.External, databaseName =>
        {
            // An existing server is there already; its databases are created by the modules' migration steps.
            var database = builder.AddResource(new DcePostgresDatabaseResource(databaseName, databaseName, server.Resource))
                .WithParentRelationship(server)
                .OnInitializeResource((resource, initialize, _) =>
                    initialize.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Running }));
            return Widen(database);
        });
    }

    private static DcePostgres AddProcess(IDistributedApplicationBuilder builder, string name)
    {
        var recipe = new PostgresServerRecipe(StateFolder.ForServer(builder, name), FreePort.Next());
        var healthKey = $"{name}-ready";
        builder.Services.AddHealthChecks().AddNpgSql(recipe.ConnectionString, name: healthKey);
        var server = builder.AddLocalServer(name, recipe.Prepare(), recipe.ConnectionString, recipe.Port, healthKey);

        var databases = new List<DcePostgresDatabaseResource>();
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (ready, cancellationToken) =>
        {
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in databases)
            {
                await PostgresDatabases.CreateIfMissingAsync(recipe.ConnectionString, database.DatabaseName, cancellationToken);
                await notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Running });
            }
        });

        return new DcePostgres(Widen(server), MiddlewareMode.Process, databaseName =>
        {
            var database = new DcePostgresDatabaseResource(databaseName, databaseName, server.Resource);
            databases.Add(database);
            var databaseHealthKey = $"{databaseName}-ready";
            builder.Services.AddHealthChecks().AddNpgSql($"{recipe.ConnectionString};Database={databaseName}", name: databaseHealthKey);
            return Widen(builder.AddResource(database)
                .WithParentRelationship(server)
                .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
                .WithHealthCheck(databaseHealthKey));
        });
    }

    private static IResourceBuilder<IResourceWithConnectionString> Widen<T>(IResourceBuilder<T> builder) where T : IResourceWithConnectionString =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(builder.Resource);
}
