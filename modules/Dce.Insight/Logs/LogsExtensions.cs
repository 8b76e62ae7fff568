using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>Registers the collection, storage, retention and APIs of container logs and Kubernetes events.</summary>
public static class LogsExtensions
{
    public static WebApplicationBuilder AddInsightLogs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LogsOptions>().Bind(builder.Configuration.GetSection(LogsOptions.Section));
        builder.Services.TryAddSingleton(provider => NpgsqlDataSource.Create(
            provider.GetRequiredService<IConfiguration>().GetConnectionString(InsightExtensions.DatabaseName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{InsightExtensions.DatabaseName} is not set.")));
        builder.Services.AddSingleton<LogWriter>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LogWriter>());
        builder.Services.AddSingleton<EventWriter>();
        builder.Services.AddSingleton<LogSearch>();
        builder.Services.AddSingleton<EventSearch>();
        builder.Services.AddSingleton<PartitionMaintenance>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<PartitionMaintenance>());
        builder.Services.AddHostedService<LogCollectionLoop>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLogsAndEventsApis(this IEndpointRouteBuilder app)
    {
        app.MapLogsApi();
        app.MapEventsApi();
        return app;
    }
}
