using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>Global Management (ghippo): the platform's identity provider, workspaces, roles and audit.</summary>
public static class GlobalManagementHosting
{
    /// <summary>Configuration key of the bootstrap administrator's password (a secret parameter).</summary>
    public const string AdminPasswordParameter = "admin-password";

    /// <summary>
    /// Adds Global Management with its database, Redis and the event bus, its anonymous routes (login, token refresh,
    /// keys, discovery) and its secrets: the signing-key passphrase is generated once and kept in the AppHost's user
    /// secrets; the bootstrap administrator's password comes from <c>Parameters:admin-password</c> when given, else
    /// Global Management generates one and prints it once in its resource log.
    /// </summary>
    public static ModuleReplicas AddGlobalManagement(
        this IDistributedApplicationBuilder builder, string name, DcePostgres postgres,
        IResourceBuilder<IResourceWithConnectionString> redis, IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        var passphrase = builder.AddParameter("signing-key-passphrase",
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

        var adminPassword = string.IsNullOrEmpty(builder.Configuration[$"Parameters:{AdminPasswordParameter}"])
            ? null
            : builder.AddParameter(AdminPasswordParameter, secret: true);

        return builder.AddModule<Projects.Dce_GlobalManagement>(name, "ghippo.io").Each(replica =>
        {
            replica.WithGatewayRoute("/apis/ghippo.io/v1alpha1/login", anonymous: true)
                .WithGatewayRoute("/apis/ghippo.io/v1alpha1/refresh-token", anonymous: true)
                .WithGatewayRoute("/apis/ghippo.io/v1alpha1/oidc/token", anonymous: true)
                .WithGatewayRoute("/apis/ghippo.io/v1alpha1/certs", anonymous: true)
                .WithGatewayRoute("/apis/ghippo.io/v1alpha1/.well-known/openid-configuration", anonymous: true)
                .WithGatewayRoute("/.well-known/openid-configuration", anonymous: true)
                .WithDatabase(postgres, "ghippo-db")
                .Uses(redis)
                .Uses(messaging)
                .WithEnvironment("Dce__Identity__SigningKeyPassphrase", passphrase);
            if (adminPassword is not null)
            {
                replica.WithEnvironment("Dce__Bootstrap__AdminPassword", adminPassword);
            }
        });
    }
}
