using System.Security.Cryptography.X509Certificates;
using Dce.Testing.Hosts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// The gateway's own Program over HTTPS on a loopback port, routing <c>/apis/clusterpedia.io</c> to Cluster Search and
/// Global Management's sign-in to it, checking tokens against Global Management's keys and security stamps, as the platform's entry.
/// </summary>
internal sealed class GatewayHost(Uri identity, Uri clusterSearch, string redis) : WebApplicationFactory<Dce.Gateway.Program>
{
    /// <summary>Where the gateway listens (HTTPS).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The certificate it serves, which its clients trust (and nothing else).</summary>
    public X509Certificate2 Certificate { get; } = new Dce.KubeSim.Tls.ServingCertificate().Certificate;

    public static GatewayHost Start(Uri identity, Uri clusterSearch, string redis)
    {
        var gateway = new GatewayHost(identity, clusterSearch, redis);
        gateway.Address = LoopbackKestrel.StartHttps(gateway, gateway.Certificate);
        return gateway;
    }

    /// <summary>A client of the gateway that reuses its connection, as a user's program would.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString() },
    })
    { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("services:clusterpedia:http:0", clusterSearch.ToString());
        builder.UseSetting("services:ghippo:http:0", identity.ToString());
        builder.UseSetting("Gateway:Routes:0:PathPrefix", "/apis/clusterpedia.io");
        builder.UseSetting("Gateway:Routes:0:Service", "clusterpedia");
        builder.UseSetting("Gateway:Routes:1:PathPrefix", "/apis/ghippo.io/v1alpha1/login");
        builder.UseSetting("Gateway:Routes:1:Service", "ghippo");
        builder.UseSetting("Gateway:Routes:1:Anonymous", "true");
        builder.UseSetting("Dce:Identity:Authority", identity.ToString());
        builder.UseSetting("Dce:Identity:StampDatabase", GlobalManagementHost.StampDatabase.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ConnectionStrings:redis", redis);
        // One client asking one request at a time may pass the per-user default (200/s) when answers come from the cache.
        builder.UseSetting("Gateway:RateLimit:RequestsPerSecond", "100000");
        builder.UseSetting("Gateway:RateLimit:Burst", "100000");
        builder.ConfigureLogging(logging => logging.AddFilter((_, level) => level >= LogLevel.Warning));
    }
}
