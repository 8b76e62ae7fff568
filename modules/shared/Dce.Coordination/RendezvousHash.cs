using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Dce.Coordination;

/// <summary>Highest-random-weight hashing: a key belongs to the member with the highest weight for it, so a member leaving moves only its own keys.</summary>
public static class RendezvousHash
{
    public static string? OwnerOf(string key, IReadOnlyCollection<string> members)
    {
        string? owner = null;
        ulong best = 0;
        foreach (var member in members)
        {
            var weight = Weight(member, key);
            if (owner is null || weight > best || (weight == best && string.CompareOrdinal(member, owner) > 0))
            {
                owner = member;
                best = weight;
            }
        }

        return owner;
    }

    private static ulong Weight(string member, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{member}\n{key}"), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
