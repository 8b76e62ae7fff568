using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ClusterSearch.Tests;

/// <summary>Per-cluster sync settings: who may change them, what the index holds after a change, custom resources, bad input.</summary>
public sealed class SyncSettingsTests(SyncSettingsTests.Fixture fixture) : IClassFixture<SyncSettingsTests.Fixture>
{
    private const string Api = "/apis/clusterpedia.io/v1beta1";
    private const string Widgets = Api + "/resources/apis/stable.example.com/v1/widgets";

    private static string Settings(string cluster) => $"{Api}/clusters/{cluster}/syncresources";

    [Fact]
    public async Task A_workspace_viewer_cannot_change_a_clusters_sync_settings_and_nothing_changes()
    {
        var body = new { syncResources = new[] { new { group = "apps", resources = new[] { "deployments" } } }, syncAllCustomResources = false };

        var put = await fixture.Viewer.PutAsJsonAsync(Settings("alpha"), body);
        var delete = await fixture.Viewer.DeleteAsync(Settings("alpha"));
        var read = await fixture.Viewer.GetFromJsonAsync<JsonElement>(Settings("alpha"));
        var anonymous = await fixture.Platform.Search.CreateClient().PutAsJsonAsync(Settings("alpha"), body);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(read.GetProperty("custom").GetBoolean());
        var stored = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(Settings("alpha"));
        Assert.False(stored.GetProperty("custom").GetBoolean());
        Assert.Equal(ClusterSearchOptions.DefaultResources.Count, stored.GetProperty("effectiveTypes").GetArrayLength());
        Assert.Contains("alpha/shop/web", await KeysAsync(fixture.Platform.AdminClient(), $"{Api}/resources/api/v1/configmaps?clusters=alpha&names=web"));
    }

    [Fact]
    public async Task Choosing_only_deployments_removes_the_clusters_configmaps_and_delete_brings_them_back()
    {
        var admin = fixture.Platform.AdminClient();
        var configMaps = $"{Api}/resources/api/v1/configmaps?names=web";

        var put = await admin.PutAsJsonAsync(Settings("beta"),
            new { syncResources = new[] { new { group = "apps", versions = new[] { "v1" }, resources = new[] { "deployments" } } }, syncAllCustomResources = false });
        await put.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        await Eventually.Until(async () => !(await KeysAsync(admin, configMaps)).Contains("beta/shop/web"), "beta's configmaps left the index");
        var status = await admin.GetFromJsonAsync<JsonElement>($"{Api}/syncstatus");

        Assert.Equal(["alpha/shop/web", "gamma/shop/web"], await KeysAsync(admin, configMaps));
        Assert.Contains("beta/shop/web", await KeysAsync(admin, $"{Api}/resources/apis/apps/v1/deployments?names=web"));
        Assert.Equal(["apps/deployments"], status.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("cluster").GetString() == "beta")
            .Select(i => $"{i.GetProperty("group").GetString()}/{i.GetProperty("resource").GetString()}"));
        var stored = await admin.GetFromJsonAsync<JsonElement>(Settings("beta"));
        Assert.True(stored.GetProperty("custom").GetBoolean());
        Assert.Equal("Deployment", Assert.Single(stored.GetProperty("effectiveTypes").EnumerateArray()).GetProperty("kind").GetString());

        (await admin.DeleteAsync(Settings("beta"))).EnsureSuccessStatusCode();
        await Eventually.Until(async () => (await KeysAsync(admin, configMaps)).Contains("beta/shop/web"), "beta's configmaps back in the index");

        Assert.False((await admin.GetFromJsonAsync<JsonElement>(Settings("beta"))).GetProperty("custom").GetBoolean());
        Assert.Equal(["alpha/shop/web", "beta/shop/web", "gamma/shop/web"], await KeysAsync(admin, configMaps));
    }

    [Fact]
    public async Task A_custom_resource_chosen_by_name_or_with_all_custom_resources_is_searched_discovered_and_got()
    {
        var admin = fixture.Platform.AdminClient();

        var byName = await admin.PutAsJsonAsync(Settings("gamma"), new
        {
            syncResources = new object[]
            {
                new { group = "stable.example.com", resources = new[] { "*" } },
                new { group = "", resources = new[] { "namespaces" } },
            },
            syncAllCustomResources = false,
        });
        var effective = await byName.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        await Eventually.Until(async () => (await KeysAsync(admin, Widgets)).Count == 1, "gamma's widget indexed");
        var discovery = await admin.GetFromJsonAsync<JsonElement>($"{Api}/resources/apis/stable.example.com/v1");
        var one = await admin.GetFromJsonAsync<JsonElement>($"{Api}/resources/apis/stable.example.com/v1/namespaces/shop/widgets/blue");

        Assert.Contains(effective.GetProperty("effectiveTypes").EnumerateArray(), t =>
            t.GetProperty("group").GetString() == "stable.example.com" && t.GetProperty("version").GetString() == "v1"
            && t.GetProperty("resource").GetString() == "widgets" && t.GetProperty("kind").GetString() == "Widget" && t.GetProperty("namespaced").GetBoolean());
        Assert.Equal(["gamma/shop/blue"], await KeysAsync(admin, Widgets));
        Assert.Equal("widgets", Assert.Single(discovery.GetProperty("resources").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("large", one.GetProperty("spec").GetProperty("size").GetString());
        var collection = await admin.GetFromJsonAsync<JsonElement>($"{Api}/collectionresources/any?groups=stable.example.com");
        var found = Assert.Single(collection.GetProperty("items").EnumerateArray()).GetProperty("metadata");
        Assert.Equal("gamma/blue", $"{found.GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()}/{found.GetProperty("name").GetString()}");

        var allCustom = await admin.PutAsJsonAsync(Settings("gamma"),
            new { syncResources = new[] { new { group = "", resources = new[] { "namespaces" } } }, syncAllCustomResources = true });
        var types = (await allCustom.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("effectiveTypes").EnumerateArray()
            .Select(t => $"{t.GetProperty("group").GetString()}/{t.GetProperty("resource").GetString()}").Order(StringComparer.Ordinal).ToList();
        await Eventually.Until(async () => (await StatusTypesAsync(admin, "gamma")).SequenceEqual(types), "gamma's sync restarted with the new types");

        Assert.Equal(["/namespaces", "stable.example.com/widgets"], types);
        Assert.Equal(["gamma/shop/blue"], await KeysAsync(admin, Widgets));

        (await admin.DeleteAsync(Settings("gamma"))).EnsureSuccessStatusCode();
        await Eventually.Until(async () => (await admin.GetAsync(Widgets)).StatusCode == HttpStatusCode.NotFound, "widgets no longer indexed");
    }

    [Fact]
    public async Task A_custom_resource_defined_after_the_settings_were_saved_is_synced_and_dropped_with_its_definition()
    {
        var admin = fixture.Platform.AdminClient();
        var beta = fixture.Platform.Clusters.Client("beta");
        const string Gadgets = Api + "/resources/apis/later.example.com/v1/gadgets";
        var saved = await admin.PutAsJsonAsync(Settings("beta"),
            new { syncResources = new[] { new { group = "", resources = new[] { "namespaces" } } }, syncAllCustomResources = true });
        saved.EnsureSuccessStatusCode();

        await Fixture.CreateCustomResourceAsync(beta, "later.example.com", "gadgets", "Gadget", "green");
        await Eventually.Until(async () => (await admin.GetAsync(Gadgets)).IsSuccessStatusCode && (await KeysAsync(admin, Gadgets)).Count == 1,
            "beta's gadget indexed without another change to the settings");
        Assert.Equal(["beta/shop/green"], await KeysAsync(admin, Gadgets));

        await beta.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("gadgets.later.example.com");
        await Eventually.Until(async () => (await admin.GetAsync(Gadgets)).StatusCode == HttpStatusCode.NotFound, "gadgets dropped with their definition");
        (await admin.DeleteAsync(Settings("beta"))).EnsureSuccessStatusCode();
        await Eventually.Until(async () => (await fixture.Platform.CompareAsync()).Exact, "beta's default types back in the index");
    }

    [Theory]
    [InlineData("""{"syncResources":[{"group":"apps","resources":[]}]}""", "syncResources[0].resources")]
    [InlineData("""{"syncResources":[{"group":"apps","resources":["deployments"]},{"group":"nowhere.example.com","resources":["things"]}]}""", "syncResources[1]")]
    [InlineData("""{"syncResources":[{"group":"apps","resources":["gadgets"]}]}""", "syncResources[0]")]
    [InlineData("""{"syncResources":[{"group":"Apps!","resources":["deployments"]}]}""", "syncResources[0].group")]
    [InlineData("""{"syncResources":[{"group":"apps","versions":["version one"],"resources":["deployments"]}]}""", "syncResources[0].versions")]
    [InlineData("""{"syncResources":[{"group":"apps","resources":["Deploy ments"]}]}""", "syncResources[0].resources")]
    [InlineData("""{"syncResources":[],"syncAllCustomResources":false}""", "syncResources")]
    public async Task Bad_settings_are_400_naming_the_entry_and_change_nothing(string body, string field)
    {
        var admin = fixture.Platform.AdminClient();

        var response = await admin.PutAsync(Settings("alpha"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>(Settings("alpha"))).GetProperty("custom").GetBoolean());
    }

    [Fact]
    public async Task Too_many_entries_are_400_and_an_unknown_cluster_is_404()
    {
        var admin = fixture.Platform.AdminClient();
        var entries = Enumerable.Range(0, 201).Select(i => new { group = "apps", resources = new[] { "deployments" } }).ToArray();

        var tooMany = await admin.PutAsJsonAsync(Settings("alpha"), new { syncResources = entries });
        var unknownPut = await admin.PutAsJsonAsync(Settings("nowhere"), new { syncResources = new[] { new { group = "apps", resources = new[] { "deployments" } } } });
        var unknownGet = await admin.GetAsync(Settings("nowhere"));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownGet.StatusCode);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>(Settings("alpha"))).GetProperty("custom").GetBoolean());
    }

    [Fact]
    public async Task A_cluster_serving_more_types_than_one_sync_holds_is_refused_naming_the_limit_and_nothing_changes()
    {
        var admin = fixture.Platform.AdminClient();
        var client = fixture.Platform.Clusters.Client("alpha");
        var crds = Enumerable.Range(0, SyncTypeLimit + 1).Select(i => $"things{i}.bulk.example.com").ToList();
        try
        {
            for (var index = 0; index < crds.Count; index++)
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(BulkDefinition(index));
            }

            var put = await admin.PutAsJsonAsync(Settings("alpha"),
                new { syncResources = new[] { new { group = "bulk.example.com", resources = new[] { "*" } } }, syncAllCustomResources = false });

            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.Contains($"at most {SyncTypeLimit}", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False((await admin.GetFromJsonAsync<JsonElement>(Settings("alpha"))).GetProperty("custom").GetBoolean());
        }
        finally
        {
            foreach (var name in crds)
            {
                try
                {
                    await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(name);
                }
                catch (k8s.Autorest.HttpOperationException gone) when (gone.Response.StatusCode == HttpStatusCode.NotFound)
                {
                }
            }
        }
    }

    private const int SyncTypeLimit = 500;

    private static V1CustomResourceDefinition BulkDefinition(int index) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"things{index}.bulk.example.com" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "bulk.example.com",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = $"things{index}", Singular = $"thing{index}", Kind = $"Thing{index}", ListKind = $"Thing{index}List" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1", Served = true, Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                },
            ],
        },
    };

    private static async Task<List<string>> StatusTypesAsync(HttpClient client, string cluster)
    {
        var status = await client.GetFromJsonAsync<JsonElement>($"{Api}/syncstatus");
        return [.. status.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("cluster").GetString() == cluster)
            .Select(i => $"{i.GetProperty("group").GetString()}/{i.GetProperty("resource").GetString()}").Order(StringComparer.Ordinal)];
    }

    /// <summary>Each item as cluster/namespace/name, sorted; none when the type is not indexed.</summary>
    private static async Task<List<string>> KeysAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var list = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata")).Select(m =>
            $"{m.GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()}/" +
            $"{(m.TryGetProperty("namespace", out var ns) ? ns.GetString() : "")}/{m.GetProperty("name").GetString()}").Order(StringComparer.Ordinal)];
    }

    /// <summary>Three clusters with a shop namespace (a Deployment and a ConfigMap named web) each; a Widget custom resource on gamma; a viewer of a namespace of alpha.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SearchPlatform Platform { get; } = new();

        public HttpClient Viewer { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Platform.InitializeAsync();
            foreach (var cluster in SearchPlatform.ClusterNames)
            {
                var churn = new ClusterChurn(Platform.Clusters.Client(cluster), "shop");
                await churn.EnsureNamespaceAsync();
                await churn.CreateDeploymentAsync("web", 1);
                await churn.CreateConfigMapAsync("web", new Dictionary<string, string> { ["app"] = "web" });
            }

            await CreateCustomResourceAsync(Platform.Clusters.Client("gamma"), "stable.example.com", "widgets", "Widget", "blue");
            await Platform.Identity.JoinClusterAsync("alpha");
            Viewer = await WorkspaceViewer.CreateAsync(Platform, "settings-a", "alpha", "shop", "settings-viewer");
            await Eventually.Until(async () => (await Platform.CompareAsync()).Exact, "the index settled");
        }

        /// <summary>Defines <c>plural.group</c> (v1, namespaced) on the cluster and creates one object of it, with spec.size large, in shop.</summary>
        public static async Task CreateCustomResourceAsync(IKubernetes client, string group, string plural, string kind, string name)
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
            {
                Metadata = new V1ObjectMeta { Name = $"{plural}.{group}" },
                Spec = new V1CustomResourceDefinitionSpec
                {
                    Group = group,
                    Scope = "Namespaced",
                    Names = new V1CustomResourceDefinitionNames { Plural = plural, Singular = kind.ToLowerInvariant(), Kind = kind, ListKind = kind + "List" },
                    Versions =
                    [
                        new V1CustomResourceDefinitionVersion
                        {
                            Name = "v1", Served = true, Storage = true,
                            Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                        },
                    ],
                },
            });
            await Eventually.Until(async () =>
            {
                try
                {
                    await client.CustomObjects.CreateNamespacedCustomObjectAsync(new Dictionary<string, object>
                    {
                        ["apiVersion"] = $"{group}/v1",
                        ["kind"] = kind,
                        ["metadata"] = new Dictionary<string, object> { ["name"] = name },
                        ["spec"] = new Dictionary<string, object> { ["size"] = "large" },
                    }, group, "v1", "shop", plural);
                    return true;
                }
                catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    return false;
                }
            }, $"the {kind} type served");
        }

        public Task DisposeAsync() => Platform.DisposeAsync();
    }
}
