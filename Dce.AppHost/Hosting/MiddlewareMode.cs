namespace Dce.AppHost.Hosting;

/// <summary>How a middleware resource is provided.</summary>
public enum MiddlewareMode
{
    /// <summary>The official image, run by the container runtime.</summary>
    Container,

    /// <summary>The server from the OS packages, run by the AppHost as an executable.</summary>
    Process,

    /// <summary>An existing server, from <c>ConnectionStrings:&lt;name&gt;</c> (production).</summary>
    External,
}
