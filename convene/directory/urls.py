from django.urls import path

from convene.directory.views import export, imports, lists, people, personal_data, photos

app_name = "directory"

urlpatterns = [
    path("directory/", people.search, name="search"),
    path("directory/export/", export.export_people, name="export_people"),
    path("people/<id:profile_id>/", people.profile, name="profile"),
    path("people/<id:profile_id>/edit/", people.edit_profile, name="edit_profile"),
    path("people/<id:profile_id>/history/", people.profile_history, name="profile_history"),
    path("people/<id:profile_id>/roles/new/", people.new_role, name="new_role"),
    path("people/<id:profile_id>/photo/", photos.photo, name="photo"),
    path("people/<id:profile_id>/photo/edit/", photos.edit_photo, name="edit_photo"),
    # Data rights (views/personal_data.py)
    path("account/your-data/", personal_data.your_data, name="your_data"),
    path(
        "account/your-data/download/",
        personal_data.download_your_data,
        name="download_your_data",
    ),
    path("staff/users/<id:user_id>/erase/", personal_data.erase_member, name="erase_member"),
    # Staff: controlled lists (views/lists.py)
    path("staff/lists/", lists.overview, name="lists"),
    path("staff/lists/<slug:kind>/", lists.entries, name="list_entries"),
    path("staff/lists/<slug:kind>/<id:entry_id>/", lists.edit_entry, name="edit_list_entry"),
    # Staff: importing people (views/imports.py)
    path("staff/people/import/", imports.import_people, name="import_people"),
    path("staff/people/import/template.csv", imports.import_template, name="import_template"),
    path("staff/people/import/<id:import_id>/", imports.people_import, name="people_import"),
    path(
        "staff/people/import/<id:import_id>/organisations/",
        imports.confirm_organisations,
        name="confirm_organisations",
    ),
    path(
        "staff/people/import/<id:import_id>/import/",
        imports.run_import,
        name="run_people_import",
    ),
]
