using System.Security.Claims;
using System.Security.Cryptography;
using Dce.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace Dce.Gateway.Tests;

/// <summary>
/// An identity provider over real HTTP (discovery + JWKS) that signs tokens with its own RSA key, standing in for Global
/// Management, and like it keeps each subject's security stamp in Redis.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Issuer = "dce";
    public const string Audience = "dce";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private LoopbackServer? _server;

    public Uri Address => _server!.Address;

    private int _exchanges;

    /// <summary>Access keys the token endpoint exchanges, and whose they are.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> AccessKeys { get; } = new();

    /// <summary>Subjects whose keys the token endpoint refuses as a disabled account's (403).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> DisabledSubjects { get; } = new();

    /// <summary>How many times the token endpoint was asked to exchange a key.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>The Redis database where the stamps live, as on the platform.</summary>
    public IDatabase Stamps { get; set; } = null!;

    public async Task StartAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/certs",
                ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            }));
            app.MapPost("/apis/ghippo.io/v1alpha1/oidc/token", async (HttpContext context) =>
            {
                Interlocked.Increment(ref _exchanges);
                var form = await context.Request.ReadFormAsync();
                var key = form["access_key"].ToString();
                if (form["grant_type"] != "urn:dce:params:oauth:grant-type:access-key" || !AccessKeys.TryGetValue(key, out var subject))
                {
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The credentials are not valid.");
                }

                return DisabledSubjects.ContainsKey(subject)
                    ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The account is disabled.")
                    : Results.Json(new Dictionary<string, object> { ["access_token"] = IssueToken(subject), ["token_type"] = "Bearer", ["expires_in"] = 600 });
            });
            app.MapGet("/certs", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = jwk.Use, alg = jwk.Alg, kid = jwk.Kid, n = jwk.N, e = jwk.E } } }));
        });
    }

    public string IssueToken(string subject, TimeSpan? lifetime = null, string audience = Audience, DateTime? notBefore = null)
    {
        var now = notBefore ?? DateTime.UtcNow;
        Stamps.StringSet(SecurityStamps.SentinelKey, "1");
        Stamps.StringSet(SecurityStamps.KeyOf(subject), Guid.NewGuid().ToString(), when: When.NotExists);
        var stamp = Stamps.StringGet(SecurityStamps.KeyOf(subject)).ToString();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("preferred_username", subject), new Claim(SecurityStamps.ClaimType, stamp)]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>What Global Management does when the subject's password changes: every token issued before stops working.</summary>
    public Task RevokeAsync(string subject) => Stamps.StringSetAsync(SecurityStamps.KeyOf(subject), Guid.NewGuid().ToString());

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _key.Rsa.Dispose();
    }
}
