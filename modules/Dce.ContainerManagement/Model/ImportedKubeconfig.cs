namespace Dce.ContainerManagement.Model;

/// <summary>An embedded simulated cluster joined once; a cluster removed afterwards is not joined again.</summary>
public sealed class ImportedKubeconfig
{
    public required string Name { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}
