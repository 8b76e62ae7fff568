using Dce.AppHost.Hosting;
using Dce.AppHost.Hosting.HighAvailability;
using Dce.LocalServers;
using Dce.AppHost.Publishing;

try
{
    var builder = DistributedApplication.CreateBuilder(args);

    var postgres = builder.AddDcePostgres("postgres");
    var redis = builder.AddDceRedis("redis");
    var messaging = builder.AddDceRabbitMq("messaging");

    // Simulated clusters: the embedded default until real clusters are joined by kubeconfig.
    var kubesim = builder.AddKubeSim("kubesim");
    var clusterCredentialKey = builder.AddClusterCredentialKey();

    var ghippo = builder.AddGlobalManagement("ghippo", postgres, redis, messaging);
    builder.AddContainerManagement("kpanda", postgres, redis, messaging, ghippo, clusterCredentialKey)
        .Each(kpanda => kpanda.WithKubeconfigsFrom(kubesim));
    builder.AddClusterSearch("clusterpedia", postgres, redis, messaging, ghippo, clusterCredentialKey);

    // The embedded multicloud instance: a Karmada API server of its own, whose engine runs in the multicloud module.
    var karmadaHost = builder.AddKarmadaControlPlane("karmada-host", kubesim);
    builder.AddMulticloud("kairship", postgres, redis, messaging, ghippo, clusterCredentialKey)
        .Each(kairship => kairship.WithEmbeddedInstance(karmadaHost));

    // Insight: every joined cluster's metrics, scraped into VictoriaMetrics.
    var metrics = builder.AddDceVictoriaMetrics("metrics");
    var insight = builder.AddInsight("insight", postgres, redis, messaging, ghippo, clusterCredentialKey, metrics);
    // The rules Insight writes are evaluated by vmalert; what fires goes through Alertmanager back to Insight's hook.
    builder.AddAlerting("alertmanager", "vmalert", insight, metrics);
    builder.AddSmtpForAlerts(insight);

    var gateway = builder.AddGateway("gateway")
        .Each(replica => replica.Uses(redis).WithIdentityProvider(ghippo));
    builder.AddConsole("console", redis, gateway, clusterCredentialKey);
    builder.ServeGatewayOverHttps(gateway);

    // Every service's spans also go to Insight, for its traces and service map.
    builder.SendTracesTo(insight);

    // With Dce:Replicas >= 2 every module and the gateway run as replicas with a surge slot: haproxy is the entry.
    builder.AddHighAvailability(gateway);

    builder.AddKubernetesManifests();

    builder.Build().Run();
    return 0;
}
catch (MissingServerException missing)
{
    Console.Error.WriteLine(missing.Message);
    return 1;
}
