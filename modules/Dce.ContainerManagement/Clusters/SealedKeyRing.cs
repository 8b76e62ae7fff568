using System.Xml.Linq;
using Dce.Platform.Contracts.Clusters;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Seals the Data Protection key ring before it is stored in PostgreSQL, with a key derived from the platform's
/// cluster credential secret: a copy of the database alone decrypts no kubeconfig.
/// </summary>
public sealed class SealedKeyRing(ClusterCredentialProtector sealer)
{
    public const string Purpose = "dce.kpanda.key-ring";

    public ClusterCredentialProtector Sealer { get; } = sealer;
}

/// <summary>Seals one key of the ring.</summary>
internal sealed class SealedKeyRingEncryptor(SealedKeyRing ring) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sealedKey", ring.Sealer.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(SealedKeyRingDecryptor));
}

/// <summary>Opens one sealed key of the ring; created by Data Protection with the application's services.</summary>
internal sealed class SealedKeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<SealedKeyRing>().Sealer.Unprotect(encryptedElement.Value));
}
