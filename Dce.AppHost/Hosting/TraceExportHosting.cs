using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>The platform's own services send their spans to Insight as well as to the dashboard, with an ingest key only Insight and they hold.</summary>
public static class TraceExportHosting
{
    public const string IngestKeyParameter = "insight-ingest-key";

    /// <summary>Every replicated service of the graph (modules, gateway, console, their surge slots) exports its traces to <paramref name="insight"/>.</summary>
    public static void SendTracesTo(this IDistributedApplicationBuilder builder, ModuleReplicas insight)
    {
        var key = builder.AddParameter(IngestKeyParameter, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        insight.Each(replica => replica.WithEnvironment("Insight__Traces__IngestKeys__0", key));
        var receiver = insight.Primary.GetEndpoint("http");
        foreach (var service in builder.Resources.OfType<ProjectResource>().Where(resource => resource.Annotations.OfType<ReplicaSetAnnotation>().Any()).ToList())
        {
            builder.CreateResourceBuilder(service)
                .WithEnvironment("Dce__Telemetry__Traces__Endpoint", ReferenceExpression.Create($"{receiver}/v1/traces"))
                .WithEnvironment("Dce__Telemetry__Traces__Headers", ReferenceExpression.Create($"Authorization=Bearer {key}"));
        }
    }
}
