using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract;

/// <summary>DCE's published insight API, read from the copy the module embeds.</summary>
public static class InsightContract
{
    public const string Root = "/apis/insight.io/v1alpha1";

    private static readonly Lazy<DceOperations> Loaded =
        new(() => new DceOperations("modules/Dce.Insight/Apis/Contract/insight.swagger.json", Root));

    public static DceOperations Operations => Loaded.Value;
}
