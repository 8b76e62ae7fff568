namespace Dce.AppHost.Hosting;

/// <summary>VictoriaMetrics (single node) as a container, with basic auth and the connection string the Insight module reads.</summary>
public sealed class VictoriaMetricsResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";
    public const int HttpPort = 8428;

    private EndpointReference? _http;

    public ParameterResource Password { get; } = password;

    public EndpointReference HttpEndpoint => _http ??= new EndpointReference(this, HttpEndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=http://{HttpEndpoint.Property(EndpointProperty.HostAndPort)};Username={Dce.LocalServers.VictoriaMetricsServerRecipe.User};Password={Password}");
}
