using System.Xml.Linq;
using Dce.Platform.Contracts.Clusters;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.Platform.Contracts.DataProtection;

/// <summary>
/// Seals a module's Data Protection key ring before it is stored (in PostgreSQL or Redis), with a key derived from the
/// platform's credential secret: a copy of the store alone opens nothing the ring protects.
/// </summary>
public sealed class SealedKeyRing(ClusterCredentialProtector sealer)
{
    public ClusterCredentialProtector Sealer { get; } = sealer;
}

/// <summary>Seals one key of the ring.</summary>
public sealed class SealedKeyRingEncryptor(SealedKeyRing ring) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sealedKey", ring.Sealer.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(SealedKeyRingDecryptor));
}

/// <summary>Opens one sealed key of the ring; created by Data Protection with the application's services.</summary>
public class SealedKeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<SealedKeyRing>().Sealer.Unprotect(encryptedElement.Value));
}

public static class SealedKeyRingExtensions
{
    /// <summary>Data Protection for <paramref name="applicationName"/> with its keys sealed for <paramref name="purpose"/>; the caller chooses where they persist.</summary>
    public static IDataProtectionBuilder AddSealedDataProtection(this IHostApplicationBuilder builder, string applicationName, string purpose)
    {
        var ring = new SealedKeyRing(ClusterCredentialProtector.FromConfiguration(builder.Configuration, purpose));
        builder.Services.AddSingleton(ring);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new SealedKeyRingEncryptor(ring));
        return builder.Services.AddDataProtection().SetApplicationName(applicationName);
    }
}
