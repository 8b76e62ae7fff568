namespace Dce.Insight.Traces;

/// <summary>Registers trace ingestion, storage, retention and the trace and service graph APIs.</summary>
public static class TracesExtensions
{
    public static WebApplicationBuilder AddInsightTraces(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TracesOptions>().Bind(builder.Configuration.GetSection(TracesOptions.Section));
        builder.Services.AddSingleton(_ => TraceDatabase.FromConnectionString(builder.Configuration.GetConnectionString(InsightExtensions.DatabaseName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{InsightExtensions.DatabaseName} is not set.")));
        builder.Services.AddSingleton<TracePartitions>();
        builder.Services.AddSingleton<SpanWriter>();
        builder.Services.AddSingleton<TraceReader>();
        builder.Services.AddSingleton<IngestKeys>();
        builder.Services.AddHostedService<TraceRetentionLoop>();
        return builder;
    }

    public static WebApplication MapTracesApis(this WebApplication app)
    {
        app.MapOtlpTraceReceiver();
        app.MapTracingApi();
        app.MapSpansApi();
        app.MapTraceTagsApi();
        app.MapTraceServicesApi();
        app.MapServiceGraphApi();
        return app;
    }
}
