using System.Text;
using System.Text.Json.Nodes;

namespace Dce.KubeSim.OpenApi;

/// <summary>
/// A minimal OpenAPI v2 document (swagger version and info only). kubectl falls back to v2 for client-side
/// validation of kinds the v3 documents do not describe; with no definitions it lets the request through, so an
/// unknown kind fails the way it does on a real cluster ("no matches for kind"), not on a missing document.
/// </summary>
public static class OpenApiV2Document
{
    public const string ProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    public static byte[] Protobuf { get; } = BuildProtobuf();

    public static JsonObject Document() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.2" },
        ["paths"] = new JsonObject(),
    };

    private static byte[] BuildProtobuf()
    {
        var info = Concat(Field(1, "Kubernetes"), Field(2, "v1.32.2"));
        return Concat(Field(1, "2.0"), Field(2, info));
    }

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] Field(int number, byte[] payload) => Concat([(byte)((number << 3) | 2), (byte)payload.Length], payload);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
