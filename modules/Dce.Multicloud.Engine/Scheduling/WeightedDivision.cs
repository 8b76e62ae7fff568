namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>
/// Divides replicas by weight: each share is the floor of its exact part, and the remainder goes one by one to the
/// heaviest shares, then to those that had more replicas before, then by name (Karmada before 1.16, with a stable
/// tie-break in place of its random one).
/// </summary>
internal static class WeightedDivision
{
    public static Dictionary<string, int> Divide(int replicas, IReadOnlyList<WeightedShare> shares)
    {
        var result = shares.ToDictionary(share => share.Name, _ => 0, StringComparer.Ordinal);
        var total = (Int128)shares.Sum(share => share.Weight);
        if (total == 0 || replicas == 0)
        {
            return result;
        }

        var given = 0;
        foreach (var share in shares)
        {
            var part = (int)((Int128)share.Weight * replicas / total);
            result[share.Name] = part;
            given += part;
        }

        var byPrecedence = shares.Where(share => share.Weight > 0)
            .OrderByDescending(share => share.Weight)
            .ThenByDescending(share => share.Previous)
            .ThenBy(share => share.Name, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; given < replicas; i = (i + 1) % byPrecedence.Count, given++)
        {
            result[byPrecedence[i].Name]++;
        }

        return result;
    }
}
