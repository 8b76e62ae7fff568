using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dce.Insight.Tests;

/// <summary>Spans of a call between two services, sent by the OpenTelemetry SDK's OTLP/HTTP exporter as workloads send them.</summary>
public static class ServiceCalls
{
    /// <summary>
    /// Two services, each with its own tracer provider and exporter as two processes would have: the caller's server span
    /// and client span, then the callee's server span (250 ms) under the context the caller propagated.
    /// </summary>
    public static void Send(InsightHost insight, string caller, string callee, string? cluster, string? ns, bool calleeFails)
    {
        using var callerTracing = TracerProvider(insight, caller, cluster, ns);
        using var calleeTracing = TracerProvider(insight, callee, cluster, ns);
        using var callerSource = new ActivitySource(caller);
        using var calleeSource = new ActivitySource(callee);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        Activity.Current = null;
        var headers = new Dictionary<string, string>();
        using (var root = callerSource.StartActivity("GET /checkout", ActivityKind.Server, default(ActivityContext), startTime: start)!)
        {
            root.SetTag("http.request.method", "GET");
            using (var call = callerSource.StartActivity("GET cart", ActivityKind.Client, root.Context, startTime: start.AddMilliseconds(10))!)
            {
                Propagators.DefaultTextMapPropagator.Inject(new PropagationContext(call.Context, default), headers, (carrier, key, value) => carrier[key] = value);
                var parent = Propagators.DefaultTextMapPropagator.Extract(default, headers,
                    (carrier, key) => carrier.TryGetValue(key, out var value) ? [value] : []);
                using (var served = calleeSource.StartActivity("GET /cart", ActivityKind.Server, parent.ActivityContext, startTime: start.AddMilliseconds(20))!)
                {
                    if (calleeFails)
                    {
                        served.SetStatus(ActivityStatusCode.Error, "cart store unavailable");
                    }

                    served.SetEndTime((start.AddMilliseconds(270)).UtcDateTime);
                }

                call.SetEndTime(start.AddMilliseconds(300).UtcDateTime);
            }

            root.SetEndTime(start.AddMilliseconds(400).UtcDateTime);
        }

        Activity.Current = null;
        Assert.True(callerTracing.ForceFlush() && calleeTracing.ForceFlush(), "the exporters delivered the spans");
    }

    private static TracerProvider TracerProvider(InsightHost insight, string service, string? cluster, string? ns)
    {
        var resource = ResourceBuilder.CreateEmpty().AddService(service);
        if (cluster is not null)
        {
            resource.AddAttributes([new("k8s.cluster.name", cluster), new("k8s.namespace.name", ns!)]);
        }

        return Sdk.CreateTracerProviderBuilder()
            .AddSource(service)
            .SetResourceBuilder(resource)
            .AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = new Uri(insight.Server.BaseAddress, "/v1/traces");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Headers = $"Authorization=Bearer {InsightHost.TraceIngestKey}";
                exporter.ExportProcessorType = ExportProcessorType.Simple;
                exporter.HttpClientFactory = () => new HttpClient(new SynchronousSendHandler(insight.Server.CreateHandler()));
            })
            .Build()!;
    }
}
