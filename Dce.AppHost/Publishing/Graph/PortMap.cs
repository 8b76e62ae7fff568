using System.Diagnostics.CodeAnalysis;

namespace Dce.AppHost.Publishing.Graph;

/// <summary>The cluster ports of every published endpoint, by resource and endpoint name.</summary>
public sealed class PortMap
{
    /// <summary>The port every .NET container image listens on (<c>ASPNETCORE_HTTP_PORTS</c>).</summary>
    public const int ProjectHttpPort = 8080;

    private readonly Dictionary<(string Resource, string Endpoint), WorkloadPort> _ports = [];

    /// <summary>The ports of <paramref name="resource"/>: a project serves HTTP on 8080 behind port 80 (TLS ends at the
    /// ingress, so its https endpoint folds into http); a container keeps its own ports.</summary>
    public IReadOnlyList<WorkloadPort> Add(IResource resource)
    {
        var ports = new List<WorkloadPort>();
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            WorkloadPort port;
            if (resource is ProjectResource && endpoint.UriScheme is "http" or "https")
            {
                port = new WorkloadPort("http", 80, ProjectHttpPort, "http", endpoint.IsExternal);
            }
            else
            {
                var containerPort = endpoint.TargetPort ?? endpoint.Port
                    ?? throw new InvalidOperationException($"Endpoint '{endpoint.Name}' of '{resource.Name}' has no port to publish.");
                port = new WorkloadPort(endpoint.Name, containerPort, containerPort, endpoint.UriScheme, endpoint.IsExternal);
            }

            _ports[(resource.Name, endpoint.Name)] = port;
            var existing = ports.FindIndex(candidate => candidate.Name == port.Name);
            if (existing < 0)
            {
                ports.Add(port);
            }
            else if (port.External)
            {
                ports[existing] = ports[existing] with { External = true };
            }
        }

        return ports;
    }

    /// <summary>The port of an endpoint, if the resource is published.</summary>
    public bool TryGet(string resource, string endpoint, [NotNullWhen(true)] out WorkloadPort? port) =>
        _ports.TryGetValue((resource, endpoint), out port);
}
