namespace Dce.KubeSim.Api.Proxy;

/// <summary>
/// The name in a <c>proxy</c> path: <c>name</c>, <c>name:port</c> or <c>scheme:name:port</c> (scheme http or https), as
/// the API server splits it; the port is a name or a number, empty when left out.
/// </summary>
public sealed record ProxyTarget(string Scheme, string Name, string Port)
{
    public static ProxyTarget? Parse(string id)
    {
        var target = id.Split(':') switch
        {
            [var name] => new ProxyTarget("", name, ""),
            [var name, var port] => new ProxyTarget("", name, port),
            [var scheme, var name, var port] => new ProxyTarget(scheme, name, port),
            _ => null,
        };
        return target is { Name.Length: > 0, Scheme: "" or "http" or "https" } ? target : null;
    }

    /// <summary>The port as a number, when it is given as one.</summary>
    public int? PortNumber => int.TryParse(Port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
