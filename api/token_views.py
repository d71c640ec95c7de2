"""The signed-in user's own tokens over the API: list, create (the token is in this one
answer only), revoke."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from . import selectors, services
from .route_serializers import TokenSerializer
from .route_views import _errors


class TokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text="tên gợi nhớ")


_CREATED = inline_serializer("TokenCreated", fields={
    "token": TokenSerializer(),
    "key": serializers.CharField(help_text="mã truy cập: chỉ có trong câu trả lời này"),
})


class TokenListView(GenericAPIView):
    serializer_class = TokenSerializer
    pagination_class = None

    @extend_schema(operation_id="tokens_list", tags=["tokens"],
                   summary="Các mã truy cập API của tôi (cả mã đã thu hồi)",
                   responses={200: TokenSerializer(many=True), **_errors(403, 429)})
    def get(self, request):
        return Response(TokenSerializer(selectors.tokens_of(request.user)[:100],
                                        many=True).data)

    @extend_schema(operation_id="tokens_create", tags=["tokens"],
                   summary="Tạo mã truy cập mới",
                   description="Câu trả lời chứa mã (`key`) một lần duy nhất; hệ thống chỉ "
                               "lưu dấu băm SHA-256 của mã.",
                   request=TokenCreateSerializer,
                   responses={201: OpenApiResponse(_CREATED), **_errors(400, 403, 429)})
    def post(self, request):
        serializer = TokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = services.create_token(user=request.user,
                                           name=serializer.validated_data["name"])
        return Response({"token": TokenSerializer(token).data, "key": key}, status=201)


class TokenRevokeView(GenericAPIView):
    serializer_class = TokenSerializer

    @extend_schema(operation_id="tokens_revoke", tags=["tokens"], request=None,
                   summary="Thu hồi một mã truy cập của tôi",
                   responses={200: TokenSerializer, **_errors(403, 404, 429)})
    def post(self, request, pk: int):
        token = selectors.tokens_of(request.user).filter(pk=pk).first()
        if token is None:
            raise Http404
        return Response(TokenSerializer(services.revoke_token(user=request.user,
                                                              token=token)).data)
