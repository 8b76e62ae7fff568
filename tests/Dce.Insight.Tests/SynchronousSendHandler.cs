namespace Dce.Insight.Tests;

/// <summary>
/// Lets the OTLP exporter, which sends with the synchronous <see cref="HttpClient.Send(HttpRequestMessage)"/>, reach the
/// in-process test server, whose handler only sends asynchronously.
/// </summary>
public sealed class SynchronousSendHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();
}
