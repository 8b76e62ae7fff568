using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Dce.Platform.Contracts.Clusters;

/// <summary>
/// Seals a cluster's kubeconfig for the trip between modules with AES-256-GCM under the platform's cluster credential
/// key (derived from <c>Dce:ClusterCredentials:Key</c>, a secret parameter of the AppHost). At rest each module
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

    /// <summary>
    /// Derives the key from <see cref="KeySetting"/> (any secret text of at least 32 characters, through HKDF-SHA256)
    /// for <paramref name="purpose"/>, so one secret yields unrelated keys for unrelated uses; throws naming the setting
    /// when it is missing or too short.
    /// </summary>
    public static ClusterCredentialProtector FromConfiguration(IConfiguration configuration, string purpose = "dce.cluster-credentials")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 32)
        {
            throw new InvalidOperationException($"{KeySetting} must be set to the platform's cluster credential key, a secret of at least 32 characters.");
        }

        return new ClusterCredentialProtector(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes(purpose)));
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
