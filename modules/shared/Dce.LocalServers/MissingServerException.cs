namespace Dce.LocalServers;

/// <summary>A middleware server binary is not installed; the message names the package that provides it.</summary>
public sealed class MissingServerException(string server, string package)
    : Exception($"{server} is not installed and no container runtime answers. Install it with: sudo apt-get install -y {package}")
{
    /// <summary>The Debian/Ubuntu package that provides the server.</summary>
    public string Package { get; } = package;
}
