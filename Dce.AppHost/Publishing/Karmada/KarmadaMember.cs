using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Publishing.Karmada;

/// <summary>A member cluster of the Karmada fleet: its name in Karmada, the overlay target it runs on, its share of stateless replicas.</summary>
public sealed record KarmadaMember(string Name, string Cloud, long Weight)
{
    /// <summary>
    /// The fleet from <c>Dce:Kubernetes:Karmada:Members</c> (a list of Name, Cloud, Weight); by default one member per public
    /// cloud, the first holding the middleware.
    /// </summary>
    public static IReadOnlyList<KarmadaMember> Fleet(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Dce:Kubernetes:Karmada:Members").GetChildren()
            .Select(member => new KarmadaMember(member["Name"]!, member["Cloud"]!, long.Parse(member["Weight"] ?? "1", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return configured.Count > 0 ? configured : [new("member-aws", "aws", 2), new("member-azure", "azure", 1), new("member-gcp", "gcp", 1)];
    }
}
