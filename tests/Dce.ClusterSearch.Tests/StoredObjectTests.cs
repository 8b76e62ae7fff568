using System.Text.Json;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;

namespace Dce.ClusterSearch.Tests;

/// <summary>What the index keeps of an object as a cluster sends it: never a Secret's values, never managed fields, the rest as sent.</summary>
public sealed class StoredObjectTests
{
    private static readonly ResourceType Secrets = ClusterSearchOptions.DefaultResources.Single(t => t.Resource == "secrets");
    private static readonly ResourceType ConfigMaps = ClusterSearchOptions.DefaultResources.Single(t => t.Resource == "configmaps");

    [Fact]
    public void A_secret_keeps_its_metadata_without_values_managed_fields_or_the_applied_copy()
    {
        using var sent = JsonDocument.Parse("""
            {"apiVersion":"v1","kind":"Secret","type":"Opaque",
             "metadata":{"name":"db","namespace":"shop","uid":"u1","resourceVersion":"7","labels":{"app":"db"},
               "annotations":{"team":"payments","kubectl.kubernetes.io/last-applied-configuration":"{\"stringData\":{\"password\":\"s3cret\"}}"},
               "managedFields":[{"manager":"kubectl","fieldsV1":{"f:data":{"f:password":{}}}}]},
             "data":{"password":"czNjcmV0"},"stringData":{"password":"s3cret"}}
            """);

        var stored = JsonDocument.Parse(IndexedObject.From("east", Secrets, sent.RootElement).ObjectJson).RootElement;

        Assert.DoesNotContain("s3cret", stored.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("czNjcmV0", stored.GetRawText(), StringComparison.Ordinal);
        Assert.False(stored.TryGetProperty("data", out _));
        Assert.False(stored.TryGetProperty("stringData", out _));
        var metadata = stored.GetProperty("metadata");
        Assert.False(metadata.TryGetProperty("managedFields", out _));
        Assert.Equal("payments", metadata.GetProperty("annotations").GetProperty("team").GetString());
        Assert.Single(metadata.GetProperty("annotations").EnumerateObject());
        Assert.Equal("db", metadata.GetProperty("labels").GetProperty("app").GetString());
        Assert.Equal("Opaque", stored.GetProperty("type").GetString());
    }

    [Fact]
    public void Another_object_loses_only_its_managed_fields()
    {
        const string Body = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"shop","uid":"u2","resourceVersion":"9",
             "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"managedFields":[{"manager":"kubectl"}]},
             "data":{"config":"value","nested":"{\"a\":[1,2]}"}}
            """;
        using var sent = JsonDocument.Parse(Body);

        var stored = JsonDocument.Parse(IndexedObject.From("east", ConfigMaps, sent.RootElement).ObjectJson).RootElement;

        using var expected = JsonDocument.Parse(Body.Replace(""","managedFields":[{"manager":"kubectl"}]""", "", StringComparison.Ordinal));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, stored), stored.GetRawText());
    }
}
