using Dce.AppHost.Hosting;
using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// Alerting as published: vmalert beside Insight in every pod, sharing the rules folder and reading the metrics through
/// Insight, and an Alertmanager whose configuration is a Secret that reads the hook secret from the generated Secret.
/// </summary>
public sealed class AlertingManifestsTests(PublishedAppHostFixture published) : IClassFixture<PublishedAppHostFixture>
{
    [Fact]
    public void Every_insight_pod_runs_vmalert_sharing_the_rules_folder_insight_writes()
    {
        var deployment = published.Base("insight.yaml").OfType<V1Deployment>().Single();
        var pod = deployment.Spec.Template.Spec;
        var insight = pod.Containers.Single(container => container.Name == "insight");
        var vmalert = pod.Containers.Single(container => container.Name == "vmalert");
        var rules = pod.Volumes.Single(volume => volume.Name == "vmalert-shared");
        var settings = published.Base("insight.yaml").OfType<V1ConfigMap>().Single(map => map.Metadata.Name == "insight-settings").Data;

        Assert.NotNull(rules.EmptyDir);
        Assert.Contains(insight.VolumeMounts, mount => mount.Name == rules.Name && mount.MountPath == "/rules");
        Assert.Contains(vmalert.VolumeMounts, mount => mount.Name == rules.Name && mount.MountPath == "/rules");
        Assert.Equal("/rules", settings["Insight__Alerting__RulesFolder"]);
        Assert.Equal("http://127.0.0.1:8880", settings["Insight__Alerting__VmAlertEndpoint"]);
        Assert.StartsWith("Endpoint=http://alertmanager", settings["ConnectionStrings__alertmanager"], StringComparison.Ordinal);
        Assert.StartsWith("docker.io/victoriametrics/vmalert:", vmalert.Image, StringComparison.Ordinal);
        Assert.Contains("-rule=/rules/*.yaml", vmalert.Args);
        Assert.Contains(vmalert.Args, argument => argument.StartsWith("-notifier.url=http://alertmanager", StringComparison.Ordinal));
        Assert.Equal("/health", vmalert.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health", vmalert.LivenessProbe.HttpGet.Path);
        AssertReadsThroughInsight(insight, vmalert);
        var hookSecret = insight.Env.Single(variable => variable.Name == "Insight__Alerting__HookSecret");
        Assert.Equal(("dce-secrets", PublishedParameter.ToEnvironmentName(AlertingHosting.HookSecretParameter)),
            (hookSecret.ValueFrom.SecretKeyRef.Name, hookSecret.ValueFrom.SecretKeyRef.Key));
    }

    [Fact]
    public async Task With_an_existing_metrics_store_every_insight_pod_still_runs_vmalert_which_holds_none_of_its_credentials()
    {
        const string Password = "Vm-Secret-4b8d2f71ce";
        var (folder, _) = await AppHostPublish.ToTemporaryFolderAsync($"--ConnectionStrings:metrics=Endpoint=https://vm.example.com:8428;Username=insight;Password={Password}");
        try
        {
            var objects = ManifestFiles.LoadStrictly("insight.yaml", File.ReadAllText(Path.Combine(folder, "base", "insight.yaml")));
            var pod = objects.OfType<V1Deployment>().Single().Spec.Template.Spec;

            AssertReadsThroughInsight(pod.Containers.Single(container => container.Name == "insight"), pod.Containers.Single(container => container.Name == "vmalert"));
            Assert.False(File.Exists(Path.Combine(folder, "base", "metrics.yaml")), "an existing store is not published");
            Assert.All(ManifestFiles.Read(folder), file => Assert.DoesNotContain(Password, file.Value, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertReadsThroughInsight(V1Container insight, V1Container vmalert)
    {
        // Reads the rules' series and writes the recording rules' results back, both through Insight with the generated token.
        var token = PublishedParameter.ToEnvironmentName(AlertingHosting.DatasourceTokenParameter);
        foreach (var use in new[] { "datasource", "remoteWrite" })
        {
            Assert.Equal("http://127.0.0.1:8080/apis/insight.io/v1alpha1/alert/datasource", vmalert.Env.Single(variable => variable.Name == $"{use}_url").Value);
            Assert.DoesNotContain(vmalert.Env, variable => variable.Name.StartsWith($"{use}_basicAuth", StringComparison.Ordinal));
            var presented = vmalert.Env.Single(variable => variable.Name == $"{use}_bearerToken").ValueFrom.SecretKeyRef;
            Assert.Equal(("dce-secrets", token), (presented.Name, presented.Key));
        }

        var expected = insight.Env.Single(variable => variable.Name == "Insight__Alerting__DatasourceToken").ValueFrom.SecretKeyRef;
        Assert.Equal(("dce-secrets", token), (expected.Name, expected.Key));
    }

    [Fact]
    public void Alertmanager_sends_to_insights_hook_with_its_configuration_in_a_secret_and_the_hook_secret_from_the_generated_one()
    {
        var objects = published.Base("alertmanager.yaml");
        var deployment = objects.OfType<V1Deployment>().Single();
        var container = deployment.Spec.Template.Spec.Containers.Single();
        var configuration = objects.OfType<V1Secret>().Single().StringData["alertmanager.yml"];
        var hook = deployment.Spec.Template.Spec.Volumes.Single(volume => volume.Name == "hook").Secret;

        Assert.StartsWith("prom/alertmanager:", container.Image.Replace("docker.io/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(("/-/ready", "/-/healthy"), (container.ReadinessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path));
        Assert.Contains("\"url\":\"http://insight" + AlertingHosting.HookPath + "\"", configuration, StringComparison.Ordinal);
        Assert.Contains("\"credentials_file\":\"/etc/alertmanager/hook/secret\"", configuration, StringComparison.Ordinal);
        Assert.Equal("dce-secrets", hook.SecretName);
        Assert.Equal(PublishedParameter.ToEnvironmentName(AlertingHosting.HookSecretParameter), hook.Items.Single().Key);
        Assert.Contains(objects.OfType<V1Service>(), service => service.Metadata.Name == "alertmanager");
    }

    [Fact]
    public void No_configmap_holds_alertmanagers_configuration_or_a_secret_value()
    {
        var configMaps = Directory.EnumerateFiles(Path.Combine(published.Folder, "base"), "*.yaml")
            .SelectMany(file => published.Base(Path.GetFileName(file)))
            .OfType<V1ConfigMap>()
            .ToList();

        Assert.NotEmpty(configMaps);
        Assert.Contains(published.SecretValues, value => value.Length >= 32);
        Assert.All(configMaps, map => Assert.All(map.Data ?? new Dictionary<string, string>(), entry =>
        {
            Assert.DoesNotContain("webhook_configs", entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(published.SecretValues.Where(value => value.Length > 0), value => entry.Value.Contains(value, StringComparison.Ordinal));
        }));
    }

    [Fact]
    public async Task With_an_smtp_server_configured_insight_gets_its_settings_and_the_password_only_from_the_generated_secret()
    {
        const string Password = "Smtp-Secret-9c2e7a41d6";
        var (folder, secrets) = await AppHostPublish.ToTemporaryFolderAsync("--Dce:Smtp:Host=smtp.example.com", "--Dce:Smtp:Port=587",
            "--Dce:Smtp:From=alerts@example.com", "--Dce:Smtp:UserName=alerts", $"--Parameters:{SmtpHosting.PasswordParameter}={Password}");
        try
        {
            var objects = ManifestFiles.LoadStrictly("insight.yaml", File.ReadAllText(Path.Combine(folder, "base", "insight.yaml")));
            var settings = objects.OfType<V1ConfigMap>().Single(map => map.Metadata.Name == "insight-settings").Data;
            var insight = objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single(container => container.Name == "insight");
            var password = insight.Env.Single(variable => variable.Name == "Insight__Alerting__SmtpPassword");

            Assert.Equal(("smtp.example.com", "587", "alerts@example.com", "alerts"),
                (settings["Insight__Alerting__SmtpHost"], settings["Insight__Alerting__SmtpPort"], settings["Insight__Alerting__SmtpFrom"], settings["Insight__Alerting__SmtpUserName"]));
            Assert.Equal(("dce-secrets", PublishedParameter.ToEnvironmentName(SmtpHosting.PasswordParameter)),
                (password.ValueFrom.SecretKeyRef.Name, password.ValueFrom.SecretKeyRef.Key));
            Assert.Contains(Password, secrets);
            Assert.All(ManifestFiles.Read(folder), file => Assert.DoesNotContain(Password, file.Value, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
