using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Dce.ServiceDefaults.Telemetry;

/// <summary>
/// A second destination for the service's spans beside the dashboard: Insight's OTLP/HTTP receiver
/// (<c>Dce:Telemetry:Traces:Endpoint</c>, the full <c>/v1/traces</c> address) with its ingest key in
/// <c>Dce:Telemetry:Traces:Headers</c> (<c>Authorization=Bearer ...</c>), so the platform's own requests show in its traces
/// and service map.
/// </summary>
internal static class TraceCopy
{
    public const string EndpointKey = "Dce:Telemetry:Traces:Endpoint";
    public const string HeadersKey = "Dce:Telemetry:Traces:Headers";

    /// <summary>The receiver's path: its own requests are not traced, or each export would cause another.</summary>
    public const string ReceiverPath = "/v1/traces";

    public static TracerProviderBuilder AddTraceCopy(this TracerProviderBuilder tracing, IConfiguration configuration)
    {
        if (!Uri.TryCreate(configuration[EndpointKey], UriKind.Absolute, out var endpoint))
        {
            return tracing;
        }

        var exporter = new OtlpTraceExporter(new OtlpExporterOptions
        {
            Endpoint = endpoint,
            Protocol = OtlpExportProtocol.HttpProtobuf,
            Headers = configuration[HeadersKey],
        });
        return tracing.AddProcessor(new BatchActivityExportProcessor(exporter));
    }
}
