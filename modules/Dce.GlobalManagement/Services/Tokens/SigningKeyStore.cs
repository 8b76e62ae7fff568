using System.Security.Cryptography;
using Dce.Coordination;
using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>
/// The token-signing keys, persisted in PostgreSQL: the newest signs, a key older than the rotation age is replaced,
/// and a replaced key stays published until every token it signed has expired. Replicas load under one advisory lock, so
/// two of them never both create a key: the second re-reads and finds the first one's.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, IOptions<IdentityProviderOptions> options, TimeProvider time, ILogger<SigningKeyStore> logger)
{
    private static readonly TimeSpan ReloadAfter = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile KeySet? _keys;

    /// <summary>The key that signs new tokens.</summary>
    public async Task<SigningCredentials> SigningCredentialsAsync(CancellationToken cancellationToken)
    {
        var keys = await CurrentAsync(cancellationToken);
        return new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>Every key a valid token may be signed with.</summary>
    public async Task<IReadOnlyList<RsaSecurityKey>> PublishedKeysAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Published;

    /// <summary>The published keys for token validation, which cannot wait.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? keyId)
    {
        var keys = _keys;
        if (keys is null || (keyId is not null && keys.Published.All(k => k.KeyId != keyId) && IsStale(keys, TimeSpan.FromSeconds(10))))
        {
            keys = CurrentAsync(CancellationToken.None, force: true).GetAwaiter().GetResult();
        }

        return keys.Published;
    }

    /// <summary>Reloads the keys, creating a new one when the newest is older than the rotation age.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => CurrentAsync(cancellationToken, force: true);

    private async Task<KeySet> CurrentAsync(CancellationToken cancellationToken, bool force = false)
    {
        var keys = _keys;
        if (keys is not null && !force && !IsStale(keys, ReloadAfter))
        {
            return keys;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Another caller reloaded while this one waited: its answer is as fresh as a second reload would be.
            if (_keys is { } loaded && (force ? !ReferenceEquals(loaded, keys) : !IsStale(loaded, ReloadAfter)))
            {
                return loaded;
            }

            _keys = await LoadAsync(cancellationToken);
            return _keys;
        }
        finally
        {
            _loading.Release();
        }
    }

    private bool IsStale(KeySet keys, TimeSpan age) => time.GetUtcNow() - keys.LoadedAt > age;

    private async Task<KeySet> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>();
        return await AdvisoryTransactionLock.RunAsync(db, "ghippo:signing-keys", token => LoadLockedAsync(db, token), cancellationToken);
    }

    private async Task<KeySet> LoadLockedAsync(GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await db.SigningKeys.OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        var signing = stored.Count > 0 ? TryLoadPrivate(stored[0]) : null;
        if (signing is null || now - stored[0].CreatedAt > TimeSpan.FromDays(options.Value.KeyRotationDays))
        {
            var created = Create(now);
            db.SigningKeys.Add(created);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created token-signing key {KeyId}", created.Id);
            stored.Insert(0, created);
            signing = TryLoadPrivate(created)!;
        }

        // A key stays published while tokens it signed may still be valid: until its successor is older than a token lifetime.
        var keep = options.Value.AccessTokenLifetime + TimeSpan.FromMinutes(5);
        var published = new List<RsaSecurityKey> { signing };
        for (var i = 1; i < stored.Count && now - stored[i - 1].CreatedAt < keep; i++)
        {
            published.Add(LoadPublic(stored[i]));
        }

        var expired = stored.Skip(published.Count).ToList();
        if (expired.Count > 0)
        {
            db.SigningKeys.RemoveRange(expired);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new KeySet(signing, published, now);
    }

    private SigningKey Create(DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var passphrase = options.Value.SigningKeyPassphrase;
        if (string.IsNullOrEmpty(passphrase))
        {
            logger.LogWarning("Dce:Identity:SigningKeyPassphrase is not set: the signing key's private half is stored unencrypted");
        }

        return new SigningKey
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Algorithm = SecurityAlgorithms.RsaSha256,
            PublicKey = rsa.ExportSubjectPublicKeyInfo(),
            EncryptedPrivateKey = string.IsNullOrEmpty(passphrase)
                ? rsa.ExportPkcs8PrivateKey()
                : rsa.ExportEncryptedPkcs8PrivateKey(passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)),
            CreatedAt = now,
        };
    }

    private RsaSecurityKey? TryLoadPrivate(SigningKey key)
    {
        var rsa = RSA.Create();
        try
        {
            var passphrase = options.Value.SigningKeyPassphrase;
            if (string.IsNullOrEmpty(passphrase))
            {
                rsa.ImportPkcs8PrivateKey(key.EncryptedPrivateKey, out _);
            }
            else
            {
                rsa.ImportEncryptedPkcs8PrivateKey(passphrase, key.EncryptedPrivateKey, out _);
            }

            return new RsaSecurityKey(rsa) { KeyId = key.Id };
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            logger.LogWarning("Signing key {KeyId} cannot be decrypted with the configured passphrase; a new key will sign", key.Id);
            return null;
        }
    }

    private static RsaSecurityKey LoadPublic(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = key.Id };
    }

    private sealed record KeySet(RsaSecurityKey Signing, IReadOnlyList<RsaSecurityKey> Published, DateTimeOffset LoadedAt);
}
