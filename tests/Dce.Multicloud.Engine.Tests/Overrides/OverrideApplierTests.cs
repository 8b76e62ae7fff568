using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Overrides;
using Dce.Multicloud.Engine.Policies;

namespace Dce.Multicloud.Engine.Tests.Overrides;

public sealed class OverrideApplierTests
{
    private static readonly MemberCluster China = Clusters.Named("member-cn", region: "cn-north");
    private static readonly MemberCluster Europe = Clusters.Named("member-eu", region: "eu-west");

    private static MatchedOverridePolicy Policy(string name, Overriders overriders, ClusterAffinity? target = null) =>
        new(name, "shop", new OverrideSpec { OverrideRules = [new RuleWithCluster { TargetCluster = target, Overriders = overriders }] }, ImplicitPriority.MatchAll);

    private static JsonObject Apply(JsonObject manifest, MemberCluster cluster, params MatchedOverridePolicy[] policies) =>
        OverrideApplier.Apply(manifest, cluster, policies);

    [Fact]
    public void An_image_override_for_one_region_shows_only_in_that_regions_manifest()
    {
        var inChina = new ClusterAffinity { FieldSelector = new FieldSelector { MatchExpressions = [new FieldSelectorRequirement { Key = "region", Operator = SelectorOperator.In, Values = ["cn-north"] }] } };
        var policy = Policy("mirror-in-china", new Overriders { ImageOverrider = [new ImageOverrider { Component = ImageComponent.Registry, Operator = OverriderOperator.Replace, Value = "registry.cn.example.com" }] }, inChina);
        var template = Manifests.Deployment();

        var china = Apply(template, China, policy);
        var europe = Apply(template, Europe, policy);

        Assert.Equal("\"registry.cn.example.com/nginx:1.25\"", china.At("spec/template/spec/containers/0/image"));
        Assert.Equal("\"registry.cn.example.com/tools/proxy:v1\"", china.At("spec/template/spec/containers/1/image"));
        Assert.Equal("\"nginx:1.25\"", europe.At("spec/template/spec/containers/0/image"));
        Assert.Equal("\"nginx:1.25\"", template.At("spec/template/spec/containers/0/image"));
    }

    [Theory]
    [InlineData(ImageComponent.Tag, OverriderOperator.Replace, "1.26", "nginx:1.26")]
    [InlineData(ImageComponent.Tag, OverriderOperator.Add, "-alpine", "nginx:1.25-alpine")]
    [InlineData(ImageComponent.Tag, OverriderOperator.Remove, null, "nginx")]
    [InlineData(ImageComponent.Tag, OverriderOperator.Replace, "sha256:0123456789abcdef0123456789abcdef", "nginx@sha256:0123456789abcdef0123456789abcdef")]
    [InlineData(ImageComponent.Registry, OverriderOperator.Add, "mirror.example.com", "mirror.example.com/nginx:1.25")]
    [InlineData(ImageComponent.Registry, OverriderOperator.Replace, "localhost:5000", "localhost:5000/nginx:1.25")]
    [InlineData(ImageComponent.Repository, OverriderOperator.Replace, "library/nginx", "library/nginx:1.25")]
    [InlineData(ImageComponent.Repository, OverriderOperator.Add, "-unprivileged", "nginx-unprivileged:1.25")]
    public void An_image_overrider_changes_one_component(ImageComponent component, OverriderOperator op, string? value, string expected)
    {
        var nginxImage = new ImagePredicate { Path = "/spec/template/spec/containers/0/image" };
        var policy = Policy("image", new Overriders { ImageOverrider = [new ImageOverrider { Predicate = nginxImage, Component = component, Operator = op, Value = value }] });

        var result = Apply(Manifests.Deployment(), Europe, policy);

        Assert.Equal($"\"{expected}\"", result.At("spec/template/spec/containers/0/image"));
    }

    [Fact]
    public void A_predicate_limits_the_image_overrider_to_one_path()
    {
        var policy = Policy("sidecar-only", new Overriders
        {
            ImageOverrider = [new ImageOverrider { Predicate = new ImagePredicate { Path = "/spec/template/spec/containers/1/image" }, Component = ImageComponent.Registry, Operator = OverriderOperator.Remove }],
        });

        var result = Apply(Manifests.Deployment(), Europe, policy);

        Assert.Equal("\"nginx:1.25\"", result.At("spec/template/spec/containers/0/image"));
        Assert.Equal("\"tools/proxy:v1\"", result.At("spec/template/spec/containers/1/image"));
    }

    [Fact]
    public void A_cron_jobs_images_are_found_in_its_job_template()
    {
        var policy = Policy("tag", new Overriders { ImageOverrider = [new ImageOverrider { Component = ImageComponent.Tag, Operator = OverriderOperator.Replace, Value = "1.36" }] });

        var result = Apply(Manifests.CronJob(), Europe, policy);

        Assert.Equal("\"busybox:1.36\"", result.At("spec/jobTemplate/spec/template/spec/containers/0/image"));
    }

    [Fact]
    public void Command_and_args_overriders_change_only_the_named_container()
    {
        var policy = Policy("commands", new Overriders
        {
            CommandOverrider = [new CommandArgsOverrider { ContainerName = "nginx", Operator = OverriderOperator.Add, Value = ["-c", "/etc/nginx/cn.conf"] }],
            ArgsOverrider =
            [
                new CommandArgsOverrider { ContainerName = "sidecar", Operator = OverriderOperator.Remove, Value = ["--verbose"] },
                new CommandArgsOverrider { ContainerName = "nginx", Operator = OverriderOperator.Add, Value = ["--debug"] },
            ],
        });

        var result = Apply(Manifests.Deployment(), Europe, policy);

        Assert.Equal("""["nginx","-g","daemon off;","-c","/etc/nginx/cn.conf"]""", result.At("spec/template/spec/containers/0/command"));
        Assert.Equal("""["--debug"]""", result.At("spec/template/spec/containers/0/args"));
        Assert.Equal("""["--port=80"]""", result.At("spec/template/spec/containers/1/args"));
        Assert.Null(result.At("spec/template/spec/containers/1/command"));
    }

    [Fact]
    public void Labels_are_added_replaced_only_when_present_and_removed()
    {
        var policy = Policy("labels", new Overriders
        {
            LabelsOverrider =
            [
                new LabelAnnotationOverrider { Operator = OverriderOperator.Add, Value = new Dictionary<string, string> { ["region"] = "eu" } },
                new LabelAnnotationOverrider { Operator = OverriderOperator.Replace, Value = new Dictionary<string, string> { ["tier"] = "edge", ["absent"] = "x" } },
                new LabelAnnotationOverrider { Operator = OverriderOperator.Remove, Value = new Dictionary<string, string> { ["app"] = "" } },
            ],
            AnnotationsOverrider = [new LabelAnnotationOverrider { Operator = OverriderOperator.Add, Value = new Dictionary<string, string> { ["example.com/owner"] = "team-eu" } }],
        });

        var result = Apply(Manifests.Deployment(), Europe, policy);

        Assert.Equal("""{"tier":"edge","region":"eu"}""", result.At("metadata/labels"));
        Assert.Equal("""{"example.com/owner":"team-eu"}""", result.At("metadata/annotations"));
    }

    [Fact]
    public void Plaintext_overriders_patch_by_json_pointer()
    {
        var policy = Policy("plain", new Overriders
        {
            Plaintext =
            [
                new PlaintextOverrider { Path = "/spec/replicas", Operator = OverriderOperator.Replace, Value = JsonValue.Create(5) },
                new PlaintextOverrider { Path = "/metadata/labels/example.com~1zone", Operator = OverriderOperator.Add, Value = JsonValue.Create("a") },
                new PlaintextOverrider { Path = "/spec/template/spec/containers/-", Operator = OverriderOperator.Add, Value = JsonNode.Parse("""{"name":"log","image":"fluent-bit"}""") },
                new PlaintextOverrider { Path = "/spec/template/spec/containers/1", Operator = OverriderOperator.Remove },
            ],
        });

        var result = Apply(Manifests.Deployment(), Europe, policy);

        Assert.Equal("5", result.At("spec/replicas"));
        Assert.Equal("a", result["metadata"]!["labels"]!["example.com/zone"]!.GetValue<string>());
        Assert.Equal("\"log\"", result.At("spec/template/spec/containers/1/name"));
        Assert.Equal(2, result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count);
    }

    [Fact]
    public void A_later_policy_wins_over_an_earlier_one()
    {
        static MatchedOverridePolicy SetsTier(string name, string tier) =>
            Policy(name, new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = OverriderOperator.Add, Value = new Dictionary<string, string> { ["tier"] = tier } }] });

        var result = Apply(Manifests.Deployment(), Europe, SetsTier("first", "one"), SetsTier("second", "two"));

        Assert.Equal("\"two\"", result.At("metadata/labels/tier"));
    }

    [Fact]
    public void Replacing_a_missing_field_is_an_error_naming_the_policy_the_cluster_and_the_path()
    {
        var policy = Policy("broken", new Overriders { Plaintext = [new PlaintextOverrider { Path = "/spec/paused", Operator = OverriderOperator.Replace, Value = JsonValue.Create(true) }] });
        var template = Manifests.Deployment();

        var error = Assert.Throws<OverrideException>(() => Apply(template, Europe, policy));

        Assert.Equal("OverridePolicy shop/broken for cluster member-eu: Cannot replace '/spec/paused': the manifest has no field 'paused' there; use 'add' to create it.", error.Message);
        Assert.Null(template.At("spec/paused"));
    }

    [Theory]
    [InlineData(ImageComponent.Tag, OverriderOperator.Replace, "bad tag!", "tag 'bad tag!'")]
    [InlineData(ImageComponent.Registry, OverriderOperator.Replace, "bad/registry", "registry 'bad/registry'")]
    [InlineData(ImageComponent.Repository, OverriderOperator.Remove, null, "needs a repository")]
    [InlineData(ImageComponent.Tag, OverriderOperator.Replace, null, "has no value")]
    public void An_image_override_that_makes_an_invalid_image_is_an_error(ImageComponent component, OverriderOperator op, string? value, string expected)
    {
        var policy = Policy("bad-image", new Overriders { ImageOverrider = [new ImageOverrider { Component = component, Operator = op, Value = value }] });

        var error = Assert.Throws<OverrideException>(() => Apply(Manifests.Deployment(), Europe, policy));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_not_a_json_pointer_is_an_error()
    {
        var policy = Policy("no-slash", new Overriders { Plaintext = [new PlaintextOverrider { Path = "spec.replicas", Operator = OverriderOperator.Replace, Value = JsonValue.Create(1) }] });

        var error = Assert.Throws<OverrideException>(() => Apply(Manifests.Deployment(), Europe, policy));

        Assert.Contains("start it with '/'", error.Message, StringComparison.Ordinal);
    }
}
