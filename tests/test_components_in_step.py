"""The component list of the views and of the divergence module are the same."""


def test_views_and_divergence_list_the_same_components():
    from align.divergence import COMPONENTS
    from align.views.scale import COMPONENTS as VIEW_COMPONENTS
    assert VIEW_COMPONENTS == COMPONENTS
