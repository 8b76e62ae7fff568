using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Dce.Coordination;

/// <summary>The 64-bit PostgreSQL advisory lock key for a lock's name.</summary>
public static class AdvisoryLockKey
{
    public static long For(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"dce:{name}")));
}
