using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Policies;

namespace Dce.Multicloud.Engine.Tests.Policies;

public sealed class PolicyMatcherTests
{
    private static readonly ResourceTemplate Nginx = new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Namespace = "shop",
        Name = "nginx",
        Labels = new Dictionary<string, string> { ["app"] = "nginx" },
    };

    private static readonly ResourceSelector ByKind = new() { ApiVersion = "apps/v1", Kind = "Deployment" };
    private static readonly ResourceSelector ByName = ByKind with { Name = "nginx" };
    private static readonly ResourceSelector ByLabel = ByKind with { LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "nginx" } } };

    private static PropagationPolicy Policy(string name, ResourceSelector selector, int? priority = null, string ns = "shop") =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = ns }, Spec = new PropagationSpec { ResourceSelectors = [selector], Priority = priority } };

    private static ClusterPropagationPolicy ClusterPolicy(string name, ResourceSelector selector, int? priority = null) =>
        new() { Metadata = new ObjectMeta { Name = name }, Spec = new PropagationSpec { ResourceSelectors = [selector], Priority = priority } };

    [Fact]
    public void A_propagation_policy_in_the_templates_namespace_wins_over_any_cluster_policy()
    {
        var chosen = PolicyMatcher.ChoosePropagationPolicy(Nginx, [Policy("by-kind", ByKind)], [ClusterPolicy("by-name", ByName, priority: 100)]);

        Assert.Equal(("by-kind", "shop"), (chosen?.Name, chosen?.Namespace));
    }

    [Fact]
    public void A_policy_of_another_namespace_is_ignored_and_the_cluster_policy_applies()
    {
        var chosen = PolicyMatcher.ChoosePropagationPolicy(Nginx, [Policy("elsewhere", ByName, ns: "other")], [ClusterPolicy("cluster-wide", ByKind)]);

        Assert.Equal("cluster-wide", chosen?.Name);
        Assert.True(chosen?.IsClusterPolicy);
    }

    [Fact]
    public void Higher_explicit_priority_wins_over_a_more_specific_selector()
    {
        var chosen = PolicyMatcher.ChoosePropagationPolicy(Nginx, [Policy("by-name", ByName, priority: 1), Policy("by-kind", ByKind, priority: 5)], []);

        Assert.Equal("by-kind", chosen?.Name);
    }

    [Fact]
    public void At_equal_priority_a_name_beats_labels_and_labels_beat_kind_only()
    {
        var all = PolicyMatcher.ChoosePropagationPolicy(Nginx, [Policy("a-kind", ByKind), Policy("b-label", ByLabel), Policy("c-name", ByName)], []);
        var withoutName = PolicyMatcher.ChoosePropagationPolicy(Nginx, [Policy("a-kind", ByKind), Policy("b-label", ByLabel)], []);

        Assert.Equal(("c-name", ImplicitPriority.MatchName), (all?.Name, all?.ImplicitPriority));
        Assert.Equal(("b-label", ImplicitPriority.MatchLabelSelector), (withoutName?.Name, withoutName?.ImplicitPriority));
    }

    [Fact]
    public void A_tie_goes_to_the_alphabetically_first_name()
    {
        var chosen = PolicyMatcher.ChoosePropagationPolicy(Nginx, [Policy("zeta", ByLabel, 3), Policy("alpha", ByLabel, 3), Policy("mid", ByLabel, 3)], []);

        Assert.Equal("alpha", chosen?.Name);
    }

    [Fact]
    public void No_policy_matches_a_template_of_another_kind_or_with_other_labels()
    {
        var service = Nginx with { Kind = "Service", ApiVersion = "v1" };
        var otherLabels = Nginx with { Name = "api", Labels = new Dictionary<string, string> { ["app"] = "api" } };

        Assert.Null(PolicyMatcher.ChoosePropagationPolicy(service, [Policy("p", ByKind)], [ClusterPolicy("c", ByName)]));
        Assert.Null(PolicyMatcher.ChoosePropagationPolicy(otherLabels, [Policy("p", ByLabel), Policy("q", ByName)], []));
    }

    [Fact]
    public void A_cluster_scoped_template_only_matches_cluster_policies()
    {
        var namespaceTemplate = new ResourceTemplate { ApiVersion = "v1", Kind = "Namespace", Name = "shop" };
        var selector = new ResourceSelector { ApiVersion = "v1", Kind = "Namespace" };

        var chosen = PolicyMatcher.ChoosePropagationPolicy(namespaceTemplate, [Policy("namespaced", selector)], [ClusterPolicy("cluster", selector)]);

        Assert.Equal("cluster", chosen?.Name);
    }

    [Fact]
    public void A_manifests_identity_is_read_for_matching()
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx","namespace":"shop","labels":{"app":"nginx"}}}
            """)!.AsObject();

        var template = ResourceTemplate.FromManifest(manifest);
        var chosen = PolicyMatcher.ChoosePropagationPolicy(template, [Policy("by-label", ByLabel)], []);

        Assert.Equal(("apps/v1", "Deployment", "shop", "nginx"), (template.ApiVersion, template.Kind, template.Namespace, template.Name));
        Assert.Equal("by-label", chosen?.Name);
    }

    [Fact]
    public void Override_policies_all_apply_cluster_ones_first_then_by_specificity_then_name()
    {
        static OverridePolicy Op(string name, params ResourceSelector[] selectors) =>
            new() { Metadata = new ObjectMeta { Name = name, Namespace = "shop" }, Spec = new OverrideSpec { ResourceSelectors = selectors } };
        static ClusterOverridePolicy Cop(string name, params ResourceSelector[] selectors) =>
            new() { Metadata = new ObjectMeta { Name = name }, Spec = new OverrideSpec { ResourceSelectors = selectors } };

        var ordered = PolicyMatcher.OrderOverridePolicies(
            Nginx,
            [Op("op-name", ByName), Op("op-b-kind", ByKind), Op("op-a-kind", ByKind), Op("op-mismatch", ByKind with { Name = "api" }), Op("op-label", ByLabel)],
            [Cop("cop-name", ByName), Cop("cop-everything")]);

        Assert.Equal(
            ["cop-everything", "cop-name", "op-a-kind", "op-b-kind", "op-label", "op-name"],
            ordered.Select(policy => policy.Name));
    }
}
