using System.Text;

namespace Dce.EventBus.RabbitMq;

/// <summary>
/// Maps ordering keys onto a fixed number of slots with a hash that is the same in every process and release.
/// The publisher stamps the slot on the message; each consuming module binds every slot to one of its partitions,
/// so publishers need not know how many partitions a consumer has.
/// </summary>
public static class PartitionSlots
{
    /// <summary>How many slots exist; a module's partition count cannot exceed it.</summary>
    public const int Count = 64;

    public static int Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % Count);
    }

    /// <summary>The partition of <paramref name="slot"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(int slot, int partitions) => slot % partitions;

    internal static string Text(int slot) => slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
