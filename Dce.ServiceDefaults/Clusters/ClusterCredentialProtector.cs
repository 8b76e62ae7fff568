using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Dce.ServiceDefaults.Clusters;

/// <summary>
/// Seals a cluster's kubeconfig for the trip between modules with AES-256-GCM under the platform's cluster credential
/// key (<c>Dce:ClusterCredentials:Key</c>, 32 bytes in base64, a secret parameter of the AppHost). At rest each module
/// keeps credentials under its own protection; this key only covers messages.
/// </summary>
public sealed class ClusterCredentialProtector
{
    /// <summary>Configuration key of the base64 key.</summary>
    public const string KeySetting = "Dce:ClusterCredentials:Key";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string Version = "v1.";
    private readonly byte[] _key;

    /// <summary>Uses <paramref name="key"/>, which must be 32 bytes.</summary>
    public ClusterCredentialProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("The cluster credential key must be 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Reads the key from <see cref="KeySetting"/>; throws naming the setting when it is missing or malformed.</summary>
    public static ClusterCredentialProtector FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"{KeySetting} is not set: give the module the platform's cluster credential key (32 bytes, base64).");
        }

        try
        {
            return new ClusterCredentialProtector(Convert.FromBase64String(text));
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{KeySetting} must be 32 bytes in base64.", error);
        }
    }

    /// <summary>The sealed form of <paramref name="kubeconfig"/>: <c>v1.</c> then base64 of nonce, tag and cipher text.</summary>
    public string Protect(string kubeconfig)
    {
        ArgumentNullException.ThrowIfNull(kubeconfig);
        var plain = Encoding.UTF8.GetBytes(kubeconfig);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens what <see cref="Protect"/> sealed; throws <see cref="CryptographicException"/> when it was sealed under another key or altered.</summary>
    public string Unprotect(string protectedKubeconfig)
    {
        ArgumentNullException.ThrowIfNull(protectedKubeconfig);
        if (!protectedKubeconfig.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Not a sealed kubeconfig.");
        }

        var sealedBytes = Convert.FromBase64String(protectedKubeconfig[Version.Length..]);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed kubeconfig is truncated.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
