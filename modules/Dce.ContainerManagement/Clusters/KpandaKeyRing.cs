namespace Dce.ContainerManagement.Clusters;

/// <summary>The key ring's seal, <c>dce.kpanda.key-ring</c>; keys sealed before the seal moved to the platform's contracts name this decryptor.</summary>
public static class KpandaKeyRing
{
    public const string Purpose = "dce.kpanda.key-ring";
}

/// <summary>Opens keys stored under this type's name by earlier releases.</summary>
internal sealed class SealedKeyRingDecryptor(IServiceProvider services) : Dce.Platform.Contracts.DataProtection.SealedKeyRingDecryptor(services);
