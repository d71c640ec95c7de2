def site(request) -> dict:
    """Give every page (login, our own views) viewflow's site: frame title and menu."""
    from .site import site as the_site

    return {"site": the_site}
