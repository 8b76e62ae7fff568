using Dce.Testing;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>No secret value the AppHost knows reaches a generated file or a rendered overlay.</summary>
public sealed class SecretLeakTests
{
    private const string PostgresPassword = "Pg-Secret-7f3a9c1e5b";
    private const string ManagedRedis = "Managed-Redis-Secret-2d8e4f";

    [Fact]
    public async Task AppHost_graph_publishes_no_secret_value()
    {
        var (folder, secrets) = await AppHostPublish.ToTemporaryFolderAsync($"--Parameters:postgres-password={PostgresPassword}");
        try
        {
            Assert.True(secrets.Contains(PostgresPassword), $"secret values: {string.Join(", ", secrets.Select(secret => secret.Length))}");
            Assert.Contains(secrets, secret => secret.Length >= 16 && secret != PostgresPassword);
            AssertNoneFound(folder, secrets);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Graph_with_managed_services_publishes_no_connection_string_secret()
    {
        using var generated = await GeneratedManifests.CreateAsync(2,
            $"--Parameters:postgres-password={PostgresPassword}",
            $"--ConnectionStrings:redis=redis.managed.example:6380,password={ManagedRedis},ssl=true");
        generated.FillSecrets(key => $"deployer-value-of-{key}");

        AssertNoneFound(generated.Directory, [PostgresPassword, ManagedRedis, "redis.managed.example"]);
    }

    private static void AssertNoneFound(string folder, IReadOnlyList<string> secrets)
    {
        var texts = ManifestFiles.Read(folder).ToList();
        foreach (var overlay in Directory.EnumerateDirectories(Path.Combine(folder, "overlays")))
        {
            if (File.Exists(Path.Combine(folder, "base", "secrets.env")))
            {
                texts.Add(new($"rendered {Path.GetFileName(overlay)}", Kubectl.Kustomize(overlay)));
            }
        }

        Assert.NotEmpty(texts);
        foreach (var (path, text) in texts)
        {
            foreach (var secret in secrets.Where(secret => secret.Length > 0))
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{path} contains a secret value of the AppHost.");
                var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));
                Assert.False(text.Contains(encoded, StringComparison.Ordinal), $"{path} contains a secret value of the AppHost, base64-encoded.");
            }
        }
    }
}
