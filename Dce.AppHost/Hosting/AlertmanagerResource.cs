namespace Dce.AppHost.Hosting;

/// <summary>
/// Alertmanager as a container of the published graph, with the connection string Insight reads. Its environment names
/// the hook it sends to and the parameter holding the hook's secret; the publisher turns both into its configuration.
/// </summary>
public sealed class AlertmanagerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";
    public const int HttpPort = 9093;

    /// <summary>Variable carrying the address of Insight's hook.</summary>
    public const string HookUrlVariable = "DCE_ALERT_HOOK_URL";

    /// <summary>Variable carrying the hook secret parameter.</summary>
    public const string HookSecretVariable = "DCE_ALERT_HOOK_SECRET";

    private EndpointReference? _http;

    public EndpointReference HttpEndpoint => _http ??= new EndpointReference(this, HttpEndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"Endpoint={HttpEndpoint}");
}
