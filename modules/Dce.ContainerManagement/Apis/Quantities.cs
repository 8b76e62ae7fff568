using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>Whether text is a Kubernetes quantity (<c>500m</c>, <c>2</c>, <c>4Gi</c>).</summary>
internal static class Quantities
{
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        try
        {
            _ = new ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
