using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class CustomResourceDefinitionTests(KubeSimServer server)
{
    [Fact]
    public async Task A_created_definition_is_established_with_its_names_accepted_and_its_storage_version_recorded()
    {
        var kubectl = server.Kubectl();
        var group = UniqueGroup();
        await kubectl.ApplyAsync(Definition(group, printerColumns: ""));

        await kubectl.OkAsync("wait", "--for", "condition=established", $"crd/gadgets.{group}", "--timeout=60s");

        var status = await kubectl.OkAsync("get", "crd", $"gadgets.{group}", "-o",
            "jsonpath={.status.acceptedNames.kind} {.status.acceptedNames.listKind} {.status.acceptedNames.singular} {.status.acceptedNames.shortNames[0]} {.status.acceptedNames.categories[0]} {.status.storedVersions}");
        Assert.Equal($"Gadget GadgetList gadget {ShortName(group)} gizmos [\"v1\"]", status);
        var namesAccepted = await kubectl.OkAsync("get", "crd", $"gadgets.{group}", "-o",
            "jsonpath={.status.conditions[?(@.type==\"NamesAccepted\")].status} {.status.conditions[?(@.type==\"NamesAccepted\")].reason} {.status.conditions[?(@.type==\"Established\")].reason}");
        Assert.Equal("True NoConflicts InitialNamesAccepted", namesAccepted);
    }

    [Fact]
    public async Task A_custom_resource_without_printer_columns_prints_its_name_and_age()
    {
        var kubectl = server.Kubectl();
        var group = UniqueGroup();
        var ns = Manifests.UniqueNamespace("crd-age");
        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.ApplyAsync(Definition(group, printerColumns: ""));
        await kubectl.OkAsync("wait", "--for", "condition=established", $"crd/gadgets.{group}", "--timeout=60s");
        await kubectl.ApplyAsync(Gadget(group, ns, "plain", size: 1, color: "red"));

        var table = Lines(await kubectl.OkAsync("-n", ns, "get", $"gadgets.{group}"));

        Assert.Equal(["NAME", "AGE"], table[0]);
        Assert.Equal("plain", table[1][0]);
        Assert.Matches("^[0-9]+s$", table[1][1]);
    }

    [Fact]
    public async Task A_custom_resource_prints_its_definitions_columns_with_values_from_each_object()
    {
        var kubectl = server.Kubectl();
        var group = UniqueGroup();
        var ns = Manifests.UniqueNamespace("crd-columns");
        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.ApplyAsync(Definition(group, printerColumns: """
                additionalPrinterColumns:
                - {name: Size, type: integer, jsonPath: .spec.size}
                - {name: Color, type: string, jsonPath: .spec.color}
                - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                - {name: Shelf, type: string, jsonPath: .spec.shelf, priority: 1}
                - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            """));
        await kubectl.OkAsync("wait", "--for", "condition=established", $"crd/gadgets.{group}", "--timeout=60s");
        await kubectl.ApplyAsync(Gadget(group, ns, "blue", size: 3, color: "blue"));
        await kubectl.ApplyAsync(Gadget(group, ns, "green", size: 5, color: "green"));
        await kubectl.OkAsync("-n", ns, "patch", $"gadgets.{group}", "blue", "--subresource=status", "--type=merge", "-p",
            """{"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}""");
        // A value an object lacks is a null cell, which kubectl prints blank: green's READY.

        var table = Lines(await kubectl.OkAsync("-n", ns, "get", ShortName(group)));
        var wide = Lines(await kubectl.OkAsync("-n", ns, "get", $"gadgets.{group}", "-o", "wide"));

        Assert.Equal(["NAME", "SIZE", "COLOR", "READY", "AGE"], table[0]);
        Assert.Equal(["blue", "3", "blue", "True"], table[1][..4]);
        Assert.Equal(["green", "5", "green"], table[2][..3]);
        Assert.Matches("^[0-9]+s$", Assert.Single(table[2][3..]));
        Assert.Equal(["NAME", "SIZE", "COLOR", "READY", "SHELF", "AGE"], wide[0]);
        Assert.Equal("top", wide[1][4]);
    }

    // Short names are unique per test: kubectl resolves one across every group the shared server serves.
    private static string ShortName(string group) => "gd" + group[1..7];

    private static string UniqueGroup() => $"t{Guid.NewGuid().ToString("N")[..8]}.example.dce.io";

    private static string[][] Lines(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    private static string Definition(string group, string printerColumns) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.{group}
        spec:
          group: {group}
          scope: Namespaced
          names:
            plural: gadgets
            kind: Gadget
            shortNames: [{ShortName(group)}]
            categories: [gizmos]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {"{}"}
        {printerColumns}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    private static string Gadget(string group, string ns, string name, int size, string color) => $"""
        apiVersion: {group}/v1
        kind: Gadget
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          size: {size}
          color: {color}
          shelf: top
        """;
}
