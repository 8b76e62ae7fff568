using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;

namespace Dce.AppHost.Tests.OpenApi;

/// <summary>
/// Every module's OpenAPI document is its public contract: it changes only on purpose. The committed copy in
/// <c>OpenApi/Documents</c> is the contract; run with <c>DCE_RECORD_OPENAPI=1</c> to accept a deliberate change.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiDocumentTests(PlatformFixture platform)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [InlineData("ghippo")]
    [InlineData("kpanda")]
    [InlineData("clusterpedia")]
    [InlineData("kairship")]
    [InlineData("insight")]
    [InlineData("gateway")]
    [InlineData("kubesim")]
    public async Task Module_openapi_document_matches_the_committed_contract(string module)
    {
        using var client = platform.App.CreateHttpClient(module, "http");
        var served = Normalize(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var committedPath = Path.Combine(DocumentsFolder(), $"{module}.json");

        if (Environment.GetEnvironmentVariable("DCE_RECORD_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, served);
        }

        Assert.True(File.Exists(committedPath), $"{committedPath} is missing; run the test with DCE_RECORD_OPENAPI=1 to record it");
        Assert.Equal(await File.ReadAllTextAsync(committedPath), served);
    }

    /// <summary>The document minus what depends on where it was served from.</summary>
    private static string Normalize(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        root.Remove("servers");
        return root.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static string DocumentsFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Documents");
}
