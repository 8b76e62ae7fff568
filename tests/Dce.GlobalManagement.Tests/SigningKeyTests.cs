using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dce.GlobalManagement.Services.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Tests;

public sealed class SigningKeyTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Me = "/apis/ghippo.io/v1alpha1/current-user";

    [Fact]
    public async Task Private_keys_are_stored_encrypted_with_the_passphrase()
    {
        await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword);
        await using var db = app.Database();
        var key = await db.SigningKeys.FirstAsync();
        using var rsa = RSA.Create();

        Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(key.EncryptedPrivateKey, out _));
        rsa.ImportEncryptedPkcs8PrivateKey(GlobalManagementApp.Passphrase, key.EncryptedPrivateKey, out _);
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public async Task Old_key_is_replaced_but_published_until_its_tokens_expire()
    {
        var oldToken = await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword);
        var store = app.Service<SigningKeyStore>();
        await AgeKeysAsync(TimeSpan.FromDays(40));

        await store.RefreshAsync(CancellationToken.None);
        var newToken = await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword);
        var duringOverlap = await KeyIdsAsync();
        var oldStillValid = await app.ClientWithToken(oldToken).GetAsync(Me);

        await AgeKeysAsync(TimeSpan.FromMinutes(30));
        await store.RefreshAsync(CancellationToken.None);
        var afterOverlap = await KeyIdsAsync();

        Assert.NotEqual(Kid(oldToken), Kid(newToken));
        Assert.Contains(Kid(oldToken), duringOverlap);
        Assert.Contains(Kid(newToken), duringOverlap);
        Assert.Equal(HttpStatusCode.OK, oldStillValid.StatusCode);
        Assert.Equal([Kid(newToken)], afterOverlap);
    }

    private async Task AgeKeysAsync(TimeSpan by)
    {
        await using var db = app.Database();
        foreach (var key in await db.SigningKeys.ToListAsync())
        {
            key.CreatedAt -= by;
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<string>> KeyIdsAsync()
    {
        var jwks = await app.CreateClient().GetFromJsonAsync<JsonElement>("/apis/ghippo.io/v1alpha1/certs");
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private static string Kid(string token) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Kid;
}
