namespace Dce.Gateway;

/// <summary>The platform's Redis, where the gateway checks that a token has not been revoked.</summary>
public static class GatewayRedis
{
    /// <summary>Connection name, as the AppHost references it.</summary>
    public const string Name = "redis";
}
